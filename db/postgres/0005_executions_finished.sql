-- Exporting finished executions, as db/sqlite/0011_executions_finished.sql: keyset pages by (finish_time, id) over the
-- executions that Succeeded (2) or Failed (3). Numbered 0005: 0004 is retention's (issue 13).
CREATE INDEX executions_finished ON executions (finish_time, id) WHERE state IN (2, 3);
