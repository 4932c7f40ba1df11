-- The lists of ended cards (成交, 战败), the latest closed first: everyone's
-- for the manager, one consultant's for the consultant.  A lost prospect
-- who calls again is found there, and its card reopened.  Partial, as the
-- active lists' indexes are.
CREATE INDEX acards_closed ON acards(closed_at, id) WHERE status IN ('成交','战败');
CREATE INDEX acards_closed_consultant ON acards(consultant, closed_at, id) WHERE status IN ('成交','战败');
