-- Why did it fail? As db/sqlite/0014_attempt_response_excerpt.sql: a failed answer's attempt keeps the start of its
-- body, at most 4 kB of UTF-8 text with credentials redacted (null for a binary or empty body, and for every success),
-- and its Content-Type. Old rows keep nulls.
ALTER TABLE attempts ADD COLUMN response_excerpt text NULL;
ALTER TABLE attempts ADD COLUMN response_content_type text NULL;
