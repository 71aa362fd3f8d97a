-- Issue 10 item 2: the payment deadline of an order, fixed when it is created (created_at + the order timeout then
-- configured), so that a later change of the timeout moves no existing deadline. Payment is refused after it; the
-- timeout sweeper closes orders still waiting for payment past it (the backstop of lost timer messages).
-- Orders created before this migration get the timeout configured when it runs (placeholder set by the service).
ALTER TABLE orders ADD COLUMN pay_deadline DATETIME(3) NULL AFTER closed_at;
UPDATE orders SET pay_deadline = DATE_ADD(created_at, INTERVAL ${order_timeout_millis} * 1000 MICROSECOND);
ALTER TABLE orders MODIFY pay_deadline DATETIME(3) NOT NULL;
-- The sweeper's query: orders WAIT_BUYER_PAY with a deadline before a time, in deadline order.
CREATE INDEX idx_orders_status_deadline ON orders (status, pay_deadline);
