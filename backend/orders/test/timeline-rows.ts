/**
 * Every order's timeline entries as rows (order_id, step, outcome, instance_id, detail, n: the position in
 * its timeline), for tests that query the database directly: `FROM ${TIMELINE_ROWS} t WHERE …`.
 */
export const TIMELINE_ROWS = `(SELECT o.id AS order_id, e->>'step' AS step, e->>'outcome' AS outcome,
    e->>'instanceId' AS instance_id, e->>'detail' AS detail, x.n
  FROM orders.orders o, jsonb_array_elements(o.timeline) WITH ORDINALITY AS x(e, n))`;
