-- Walk-in log and A-cards (issue 6).

-- Which level means "ordered" is data like the rest of a level: a card at
-- such a level is 已订车 and stays active (with a plan) until delivery.
ALTER TABLE intent_levels ADD COLUMN ordered INTEGER NOT NULL DEFAULT 0 CHECK (ordered IN (0,1));
UPDATE intent_levels SET ordered = 1 WHERE code = 'O';

-- The lists page through the active cards by next follow-up date: all of
-- them, one consultant's, one level's, or one consultant's at one level.
-- Partial, so years of closed cards cost nothing to skip.
CREATE INDEX acards_active_consultant ON acards(consultant, next_date)
  WHERE status IN ('跟进中','已订车');
CREATE INDEX acards_active_level ON acards(level, next_date)
  WHERE status IN ('跟进中','已订车');
CREATE INDEX acards_active_consultant_level ON acards(consultant, level, next_date)
  WHERE status IN ('跟进中','已订车');

-- "Follow-ups since the last review" and a card's records newest first.
CREATE INDEX acard_followups_card_date ON acard_followups(card_no, fu_date, created_at);

-- A visit turned into a card; a card's visits.
CREATE INDEX visits_acard ON visits(acard_no) WHERE acard_no IS NOT NULL;
