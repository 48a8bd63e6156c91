-- PostgreSQL's copy of db/migration/V185 (the same statements).
-- How a resident's consent to the privacy notice was given (decision 0025): 'kiosk' (they pressed "agree" on the
-- screen) or 'desk' (staff confirmed they read and agreed to it at the counter); 'before-2026-12' for residents made
-- before consent was recorded (V181). NULL with no version: registered at a desk before desks recorded consent.
ALTER TABLE resident ADD COLUMN consent_via TEXT;
UPDATE resident SET consent_via = CASE WHEN consent_version = 'before-2026-12' THEN 'before-2026-12' ELSE 'kiosk' END
    WHERE consent_version IS NOT NULL;
