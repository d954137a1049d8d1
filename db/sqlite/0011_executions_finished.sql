-- Exporting finished executions (issue 13, `belfry executions export`): keyset pages by (finish_time, id) over the
-- executions that Succeeded (2) or Failed (3). Without it every page would scan and sort the whole table.
-- Numbered 0011: 0010 is retention's (issue 13).
CREATE INDEX executions_finished ON executions (finish_time, id) WHERE state IN (2, 3);
