-- Follow-up tasks are derived from dates on read (due.c); a followup_tasks
-- row keeps a task's state once somebody acted on it.  Open (rescheduled)
-- rows are few and looked up by date; complaints by customer.
CREATE INDEX followup_tasks_open ON followup_tasks(kind, due_date) WHERE status = '待回访';
CREATE INDEX complaints_customer ON complaints(customer_id);
