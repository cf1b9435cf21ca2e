-- The CRM's contacts table, as the CRM vendor's nightly export gives it: what
-- `datacarto scan` holds the `crm` store against. Made into crm.sqlite by make-crm-db.sh.
-- Three columns the map does not know (one is a bank account), and no `segment` column:
-- the segment lives in the data warehouse.
CREATE TABLE contacts (
  customer_id        TEXT PRIMARY KEY,
  email              TEXT,
  first_name         TEXT,
  last_name          TEXT,
  phone              TEXT,
  postal_code        TEXT,
  language           TEXT,
  optin_newsletter   INTEGER,
  optin_ads          INTEGER,
  lifetime_value     REAL,
  last_purchase_date TEXT,
  loyalty_tier       TEXT,
  iban               TEXT,
  date_naissance     TEXT,
  created_at         TEXT
);
INSERT INTO contacts VALUES
  ('C000001', 'jeanne.martin@exemple.fr', 'Jeanne', 'Martin', '+33612345678', '69002', 'fr', 1, 0,
   412.5, '2026-10-02', 'gold', 'FR7630006000011234567890189', '1984-05-12', '2019-03-01'),
  ('C000002', 'paul.dubois@exemple.be', 'Paul', 'Dubois', NULL, '1000', 'fr', 0, 0,
   88.0, '2025-12-20', 'none', NULL, NULL, '2024-11-15');
