-- The numbers this program gives are C and digits past the highest such
-- number on file (customer.c SQL_INSERT), which a file's own numbers may
-- have moved on (C00001500 for the 1,499th row), or an old system's of
-- other lengths (C000123, C2019000123).  By their value, so nine digits
-- after C99999999 count too; one probe at each new customer.
CREATE INDEX customers_own_no ON customers(CAST(substr(cust_no, 2) AS INTEGER))
  WHERE cust_no GLOB 'C[0-9]*' AND cust_no NOT GLOB 'C*[^0-9]*' AND length(cust_no) <= 12;
