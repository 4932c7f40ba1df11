-- A caller from an office or home line (来电登记): the entry keeps the
-- landline beside the mobile (the sheet's phone, SHEETS.md §2: "a phone
-- number, when given, links the entry to an existing customer"), and the
-- landline links it to the one customer with that number when no mobile
-- does.  The caller ID of a local call comes without the area code; the
-- field, like the customer's 固定电话, keeps it with one.
ALTER TABLE visits ADD COLUMN phone TEXT;
