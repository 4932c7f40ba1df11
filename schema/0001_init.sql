-- desk4s schema, version 1.  Applied in one transaction by the store; the
-- version is recorded in PRAGMA user_version.  The vital rules of the
-- sheets are repeated here as constraints so that a bug in C cannot store
-- a broken record.  Empty values are stored as NULL.

CREATE TABLE regions (
  code    INTEGER PRIMARY KEY,                 -- GB/T 2260, 6 digits
  name    TEXT NOT NULL,
  parent  INTEGER REFERENCES regions(code),
  level   INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3)
);

CREATE TABLE staff (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 32),
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('前台','销售顾问','服务顾问','经理','管理员')),
  pw_hash       TEXT,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  TEXT,
  created_at    TEXT NOT NULL DEFAULT (datetime('now','localtime'))
);

CREATE TABLE customers (
  id              INTEGER PRIMARY KEY,
  cust_no         TEXT NOT NULL UNIQUE,
  nature          TEXT CHECK (nature IN ('个人','单位')),
  category        TEXT,
  source          TEXT,
  name            TEXT NOT NULL CHECK (name <> ''),
  sex             TEXT CHECK (sex IN ('男','女')),
  birth_date      TEXT CHECK (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  id_no           TEXT UNIQUE CHECK (length(id_no) = 18 AND id_no GLOB '[0-9]*' AND substr(id_no,18) GLOB '[0-9X]'),
  occupation      TEXT,
  hobby           TEXT,
  education       TEXT,
  marital         TEXT,
  work_years      INTEGER CHECK (work_years >= 0),
  lifestyle       TEXT,
  org_nature      TEXT,
  credit_code     TEXT CHECK (length(credit_code) = 18),
  income          TEXT,
  prospect_no     TEXT,
  first_deal_date TEXT CHECK (first_deal_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  last_deal_date  TEXT CHECK (last_deal_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  mobile          TEXT CHECK (mobile GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  phone1          TEXT,
  phone2          TEXT,
  fax             TEXT,
  qq              TEXT CHECK (qq GLOB '[1-9][0-9][0-9][0-9][0-9]*'),
  email           TEXT CHECK (email LIKE '%_@_%'),
  weibo           TEXT,
  app_installed   TEXT CHECK (app_installed IN ('是','否')),
  wangwang        TEXT,
  biz_contact     TEXT,
  fin_contact     TEXT,
  contact_time    TEXT,
  marketing_ok    TEXT CHECK (marketing_ok IN ('是','否')),
  province        INTEGER REFERENCES regions(code),
  city            INTEGER REFERENCES regions(code),
  district        INTEGER REFERENCES regions(code),
  address         TEXT,
  postcode        TEXT CHECK (postcode GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
  purpose         TEXT,
  industry        TEXT,
  position        TEXT,
  family_income   TEXT,
  age_band        TEXT,
  family_members  INTEGER CHECK (family_members >= 0),
  driving_years   INTEGER CHECK (driving_years >= 0),
  buy_history     TEXT,
  org_contact     TEXT,
  staff_count     INTEGER CHECK (staff_count >= 0),
  org_purpose     TEXT,
  cost_limit      TEXT,
  fixed_model     TEXT,
  service_place   TEXT,
  -- 1 while a required field is empty (a legacy or imported customer, SHEETS.md rule 2)
  incomplete      INTEGER NOT NULL DEFAULT 0 CHECK (incomplete IN (0,1)),
  consent_at      TEXT,   -- when the customer agreed to data collection
  marketing_at    TEXT,   -- when marketing_ok was last set
  anonymized_at   TEXT,   -- personal data removed (customer's request or retention)
  created_at      TEXT NOT NULL DEFAULT (datetime('now','localtime')),
  updated_at      TEXT NOT NULL DEFAULT (datetime('now','localtime')),
  created_by      TEXT
);
CREATE INDEX customers_mobile ON customers(mobile);
CREATE INDEX customers_name ON customers(name);
CREATE INDEX customers_birth ON customers(substr(birth_date,6)) WHERE birth_date IS NOT NULL;

CREATE TABLE vehicles (
  id             INTEGER PRIMARY KEY,
  customer_id    INTEGER NOT NULL REFERENCES customers(id),
  is_sale        TEXT CHECK (is_sale IN ('是','否')),   -- carries the new-car sale archive
  vin            TEXT UNIQUE CHECK (length(vin) = 17 AND vin NOT GLOB '*[IOQ]*'),
  vin_tail       TEXT GENERATED ALWAYS AS (substr(vin, 12)) VIRTUAL,
  plate          TEXT,
  engine_no      TEXT,
  cert_no        TEXT,
  model          TEXT,
  color          TEXT,
  config         TEXT,
  prod_date      TEXT,
  out_date       TEXT,
  price          REAL CHECK (price >= 0),
  pay_method     TEXT CHECK (pay_method IN ('一次付清','分期付款')),
  consultant     TEXT,
  delivery_date  TEXT CHECK (delivery_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  invoice_date   TEXT,
  invoice_no     TEXT,
  plate_date     TEXT,
  insurance_due  TEXT CHECK (insurance_due GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  inspection_due TEXT CHECK (inspection_due GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  returned       INTEGER NOT NULL DEFAULT 0 CHECK (returned IN (0,1)),  -- 退车
  created_at     TEXT NOT NULL DEFAULT (datetime('now','localtime'))
);
CREATE INDEX vehicles_customer ON vehicles(customer_id);
CREATE INDEX vehicles_plate ON vehicles(plate);
CREATE INDEX vehicles_vin_tail ON vehicles(vin_tail);
CREATE INDEX vehicles_delivery ON vehicles(delivery_date) WHERE delivery_date IS NOT NULL;
CREATE INDEX vehicles_insurance ON vehicles(insurance_due) WHERE insurance_due IS NOT NULL;
CREATE INDEX vehicles_inspection ON vehicles(inspection_due) WHERE inspection_due IS NOT NULL;

-- A name changes only through a request that keeps the old one (seed 000).
CREATE TABLE name_changes (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  old_name    TEXT NOT NULL,
  new_name    TEXT NOT NULL CHECK (new_name <> ''),
  kind        TEXT NOT NULL CHECK (kind IN ('过户','工作失误')),
  reason      TEXT NOT NULL CHECK (reason <> ''),
  approver    TEXT NOT NULL CHECK (approver <> ''),
  requested_by TEXT,
  at          TEXT NOT NULL DEFAULT (datetime('now','localtime'))
);
CREATE INDEX name_changes_customer ON name_changes(customer_id);

CREATE TABLE info_sources (
  name TEXT PRIMARY KEY,
  sort INTEGER NOT NULL DEFAULT 0
);
INSERT INTO info_sources(name, sort) VALUES
  ('网络',1),('电视',2),('报纸',3),('广播',4),('杂志',5),('户外广告',6),('车展',7),
  ('亲友介绍',8),('老客户介绍',9),('路过',10),('其他',11);

-- Intent levels are data: brands define them differently.
CREATE TABLE intent_levels (
  code          TEXT PRIMARY KEY,
  meaning       TEXT NOT NULL,
  buy_within    INTEGER,            -- days
  interval_days INTEGER NOT NULL CHECK (interval_days > 0),
  sort          INTEGER NOT NULL DEFAULT 0
);
INSERT INTO intent_levels(code, meaning, buy_within, interval_days, sort) VALUES
  ('O','已订车，跟进至交车',NULL,2,0),
  ('H','7日内购车',7,2,1),
  ('A','15日内购车',15,3,2),
  ('B','30日内购车',30,7,3),
  ('C','3个月内购车',90,14,4);

CREATE TABLE visits (
  id           INTEGER PRIMARY KEY,
  visit_kind   TEXT NOT NULL CHECK (visit_kind IN ('到店','来电')),
  arrive_at    TEXT NOT NULL,
  leave_at     TEXT CHECK (leave_at IS NULL OR leave_at >= arrive_at),
  cust_name    TEXT,
  mobile       TEXT CHECK (mobile GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  companions   TEXT,
  intent_model TEXT,
  info_source  TEXT NOT NULL CHECK (info_source <> ''),
  consultant   TEXT NOT NULL CHECK (consultant <> ''),
  test_drive   TEXT CHECK (test_drive IN ('是','否')),
  summary      TEXT,
  acard_no     TEXT REFERENCES acards(card_no),
  customer_id  INTEGER REFERENCES customers(id),
  created_by   TEXT,
  created_at   TEXT NOT NULL DEFAULT (datetime('now','localtime'))
);
CREATE INDEX visits_arrive ON visits(arrive_at);
CREATE INDEX visits_mobile ON visits(mobile);

CREATE TABLE acards (
  id             INTEGER PRIMARY KEY,
  card_no        TEXT NOT NULL UNIQUE,
  created_date   TEXT NOT NULL,
  first_date     TEXT,
  consultant     TEXT NOT NULL CHECK (consultant <> ''),
  name           TEXT NOT NULL CHECK (name <> ''),
  sex            TEXT CHECK (sex IN ('男','女')),
  age            INTEGER CHECK (age BETWEEN 0 AND 150),
  company        TEXT,
  address        TEXT,
  industry       TEXT,
  mobile         TEXT CHECK (mobile GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  other_contact  TEXT,
  current_car    TEXT,
  want_model     TEXT,
  color          TEXT,
  config         TEXT,
  compare_model  TEXT,
  budget         REAL CHECK (budget >= 0),
  buy_method     TEXT,
  purpose        TEXT,
  info_source    TEXT,
  pros           TEXT,
  cons           TEXT,
  resources      TEXT,
  first_summary  TEXT,
  level          TEXT REFERENCES intent_levels(code),
  next_date      TEXT CHECK (next_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  status         TEXT NOT NULL DEFAULT '跟进中' CHECK (status IN ('跟进中','已订车','成交','战败')),
  lost_reason    TEXT,
  review_by      TEXT,
  review_at      TEXT,
  review_comment TEXT,
  customer_id    INTEGER REFERENCES customers(id),
  closed_at      TEXT,
  created_at     TEXT NOT NULL DEFAULT (datetime('now','localtime')),
  -- an active card always has its next follow-up date; a lost card its reason
  CHECK (status IN ('成交','战败') OR next_date IS NOT NULL),
  CHECK (status <> '战败' OR (lost_reason IS NOT NULL AND lost_reason <> ''))
);
CREATE INDEX acards_consultant_next ON acards(consultant, next_date);
CREATE INDEX acards_next ON acards(next_date) WHERE status IN ('跟进中','已订车');
CREATE INDEX acards_mobile ON acards(mobile);

CREATE TABLE acard_followups (
  id          INTEGER PRIMARY KEY,
  card_no     TEXT NOT NULL REFERENCES acards(card_no),
  fu_date     TEXT NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('电话','到店','短信','微信','上门')),
  content     TEXT NOT NULL CHECK (trim(content) <> ''),   -- an empty record is refused
  objection   TEXT,
  level_after TEXT REFERENCES intent_levels(code),
  next_date   TEXT,
  staff       TEXT,
  created_at  TEXT NOT NULL DEFAULT (datetime('now','localtime'))
);
CREATE INDEX acard_followups_card ON acard_followups(card_no);

CREATE TABLE workorders (
  id            INTEGER PRIMARY KEY,
  wo_no         TEXT NOT NULL UNIQUE,
  customer_id   INTEGER NOT NULL REFERENCES customers(id),
  vehicle_id    INTEGER NOT NULL REFERENCES vehicles(id),
  opened_at     TEXT NOT NULL,
  advisor       TEXT NOT NULL CHECK (advisor <> ''),
  plate         TEXT,
  vin           TEXT NOT NULL,
  mileage       INTEGER NOT NULL CHECK (mileage >= 0),
  fuel          TEXT,
  work_type     TEXT NOT NULL CHECK (work_type IN ('保养','一般维修','钣喷','保险事故','索赔','首保')),
  complaint     TEXT NOT NULL,
  items         TEXT,
  promised_at   TEXT,
  status        TEXT NOT NULL DEFAULT '在修' CHECK (status IN ('在修','已完工','已取消')),
  completed_at  TEXT,
  note          TEXT,
  cancel_reason TEXT,
  CHECK (status <> '已完工' OR completed_at IS NOT NULL),
  CHECK (status <> '已取消' OR (cancel_reason IS NOT NULL AND cancel_reason <> ''))
);
CREATE INDEX workorders_vehicle ON workorders(vehicle_id, opened_at);
CREATE INDEX workorders_customer ON workorders(customer_id);
CREATE INDEX workorders_open ON workorders(promised_at) WHERE status = '在修';
CREATE INDEX workorders_completed ON workorders(completed_at) WHERE completed_at IS NOT NULL;

CREATE TABLE complaints (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  cust_no     TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_by TEXT NOT NULL,
  content     TEXT NOT NULL CHECK (content <> ''),
  handler     TEXT,
  handled_at  TEXT,
  result      TEXT
);
CREATE INDEX complaints_handled ON complaints(handled_at) WHERE handled_at IS NOT NULL;

-- Follow-up tasks (回访).  Derived from dates on read; a row is kept once a
-- task is closed, rescheduled or stopped, so the derived list can skip it.
CREATE TABLE followup_tasks (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('A卡回访','维修回访','交车回访','投诉回访','保险到期','年审到期','生日')),
  source_id    INTEGER NOT NULL,          -- the card, order, vehicle, complaint or customer
  cycle        TEXT NOT NULL DEFAULT '',  -- e.g. the year of a birthday or the due month
  customer_id  INTEGER REFERENCES customers(id),
  due_date     TEXT NOT NULL,
  staff        TEXT,
  reason       TEXT,
  status       TEXT NOT NULL DEFAULT '待回访' CHECK (status IN ('待回访','已联系','未接通','拒绝','已改期','已过期')),
  result       TEXT,
  closed_at    TEXT,
  closed_by    TEXT,
  UNIQUE (kind, source_id, cycle)
);
CREATE INDEX followup_tasks_due ON followup_tasks(due_date);

-- "Stop reminding this customer of this kind", distinct from closing one task.
CREATE TABLE followup_stops (
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  kind        TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (reason <> ''),
  by_staff    TEXT,
  at          TEXT NOT NULL DEFAULT (datetime('now','localtime')),
  PRIMARY KEY (customer_id, kind)
);

-- The usage log (使用日志): append-only, each entry chained by a hash of
-- the previous one so that an edited or deleted entry is detected.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  staff       TEXT NOT NULL,
  action      TEXT NOT NULL,
  customer_no TEXT,
  detail      TEXT,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_customer ON audit_log(customer_no);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, '使用日志不可修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, '使用日志不可删除'); END;

CREATE TABLE drafts (
  staff      TEXT NOT NULL,
  form       TEXT NOT NULL,
  record_id  INTEGER,
  data       TEXT NOT NULL,
  saved_at   TEXT NOT NULL DEFAULT (datetime('now','localtime')),
  PRIMARY KEY (staff, form)
);
