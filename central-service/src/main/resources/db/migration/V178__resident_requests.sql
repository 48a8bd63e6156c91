-- A resident's requests at a hub's counter (features review ★4 and 14): when their last card was issued (cards
-- themselves are not stored; NULL: none since this version), and when staff last lifted their no-show block (the
-- no-shows released up to then no longer count; 0: never).
ALTER TABLE resident ADD COLUMN card_issued_ts INTEGER;
ALTER TABLE resident ADD COLUMN no_shows_lifted_ts INTEGER NOT NULL DEFAULT 0;
