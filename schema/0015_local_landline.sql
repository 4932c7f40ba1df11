-- A local call's caller ID shows the number without its area code
-- (88886666 for 0571-88886666): the lookup finds it by the part after the
-- area code, extension or not.  The expression is the one cust_search's
-- query names; partial, as the indexes of 0014.
CREATE INDEX customers_phone1_local ON customers(substr(phone1, instr(phone1, '-') + 1)) WHERE phone1 IS NOT NULL;
CREATE INDEX customers_phone2_local ON customers(substr(phone2, instr(phone2, '-') + 1)) WHERE phone2 IS NOT NULL;
