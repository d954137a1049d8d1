-- Why did it fail? (issue 15, point 1; docs/semantics.md, "Response excerpts"): a failed answer's attempt keeps the
-- start of its body, at most 4 kB of UTF-8 text with credentials redacted (null for a binary or empty body, and for
-- every success), and its Content-Type. Old rows keep nulls.
ALTER TABLE attempts ADD COLUMN response_excerpt TEXT NULL;
ALTER TABLE attempts ADD COLUMN response_content_type TEXT NULL;
