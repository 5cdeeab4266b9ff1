// The shop's OLTP schema. Tables are created bare, loaded with COPY, then keyed and indexed,
// because building indexes once after a bulk load is several times faster than maintaining them.

/** Tables without constraints, ready for COPY. */
export const CREATE_TABLES_SQL = `
CREATE TABLE products (
  product_id  bigint NOT NULL,
  sku         text NOT NULL,
  name        text NOT NULL,
  category    text NOT NULL,
  price       numeric(12,2) NOT NULL,
  cost        numeric(12,2) NOT NULL,
  currency    char(3) NOT NULL,
  is_active   boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE TABLE customers (
  customer_id bigint NOT NULL,
  email       text NOT NULL,
  first_name  text NOT NULL,
  last_name   text NOT NULL,
  country     char(2) NOT NULL,
  segment     text NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  deleted_at  timestamptz
);
CREATE TABLE orders (
  order_id    bigint NOT NULL,
  customer_id bigint NOT NULL,
  status      text NOT NULL,
  currency    char(3) NOT NULL,
  country     char(2) NOT NULL,
  subtotal    numeric(12,2) NOT NULL,
  discount    numeric(12,2) NOT NULL,
  shipping    numeric(12,2) NOT NULL,
  tax         numeric(12,2) NOT NULL,
  total       numeric(12,2) NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE TABLE order_items (
  order_item_id bigint NOT NULL,
  order_id      bigint NOT NULL,
  product_id    bigint NOT NULL,
  quantity      integer NOT NULL,
  unit_price    numeric(12,2) NOT NULL,
  discount      numeric(12,2) NOT NULL,
  line_total    numeric(12,2) NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);`;

/** Keys, checks, foreign keys and indexes, applied after the bulk load. */
export const CONSTRAINTS_SQL = `
ALTER TABLE products ADD PRIMARY KEY (product_id), ADD CONSTRAINT products_sku_key UNIQUE (sku);
ALTER TABLE customers ADD PRIMARY KEY (customer_id), ADD CONSTRAINT customers_email_key UNIQUE (email);
ALTER TABLE orders ADD PRIMARY KEY (order_id),
  ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (customer_id),
  ADD CONSTRAINT orders_status_check CHECK (status IN ('pending','paid','shipped','delivered','cancelled','returned'));
ALTER TABLE order_items ADD PRIMARY KEY (order_item_id),
  ADD CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (order_id),
  ADD CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (product_id);
CREATE INDEX customers_updated_at_idx ON customers (updated_at);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX orders_updated_at_idx ON orders (updated_at);
CREATE INDEX orders_open_idx ON orders (status) WHERE status IN ('pending','paid','shipped');
CREATE INDEX order_items_order_id_idx ON order_items (order_id);
CREATE INDEX order_items_product_id_idx ON order_items (product_id);
CREATE INDEX order_items_updated_at_idx ON order_items (updated_at);
ANALYZE;`;

/** The OLTP table names in load order. */
export const OLTP_TABLES = ['products', 'customers', 'orders', 'order_items'] as const;
