-- A counter is opened and closed by its clerk (features review §4.15). It counts as open until someone closes it, so
-- a hub that never presses the button works as before; open_changed_ts is when it was last opened or closed (null:
-- never), and closed counters are left out of the wait estimates and refuse call-next.
ALTER TABLE counter ADD COLUMN is_open INTEGER NOT NULL DEFAULT 1;
ALTER TABLE counter ADD COLUMN open_changed_ts INTEGER;
