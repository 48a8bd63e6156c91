-- Rooms, services and counters are retired, never deleted (issue 14): bookings, tickets, reports and the audit log
-- keep referring to them. retired_ts is when an admin retired it (null: in use); a retired one is offered nowhere
-- (kiosk, booking, tickets, board, counter consoles) and listed apart on the catalogue page, to be brought back.
ALTER TABLE room ADD COLUMN retired_ts INTEGER;
ALTER TABLE service ADD COLUMN retired_ts INTEGER;
ALTER TABLE counter ADD COLUMN retired_ts INTEGER;
