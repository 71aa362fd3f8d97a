-- Settled: a DEDUCTED record whose order is paid, marked by the order service's reconciliation (A11). A paid order
-- keeps its stock for good, so the reconciliation walks only the unsettled DEDUCTED records (waiting orders and
-- suspects) through this index instead of every deduction ever made.
ALTER TABLE sell_record ADD COLUMN settled BOOLEAN NOT NULL DEFAULT FALSE;

CREATE INDEX ix_sell_record_status_settled_order_sn ON sell_record (status, settled, order_sn);
