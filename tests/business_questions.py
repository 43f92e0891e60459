"""Business questions about the demo warehouse, each with a reference DuckDB query.

Conventions the reference answers follow (and the warehouse's column comments state):
- "revenue" / "sales" = SUM(order_lines.net_amount), in USD, after discount;
- a sale is dated by orders.order_date, a return by returns.return_date;
- nothing is excluded by default: cancelled orders count unless a question says otherwise;
- a customer's region is customers.region;
- "which X had the most Y" shows X; the count that ranks it only when the question asks for it ("and how
  many"), as in Spider's references.
"""

BUSINESS_QUESTIONS: list[tuple[str, str]] = [
    (
        "What was our total revenue in 2024?",
        """
        SELECT SUM(ol.net_amount) AS total_revenue
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        WHERE o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2025-01-01'
        """,
    ),
    (
        "What was the revenue by product category in 2025?",
        """
        SELECT p.category, SUM(ol.net_amount) AS revenue
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN products p ON p.product_id = ol.product_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY p.category
        ORDER BY revenue DESC
        """,
    ),
    (
        "What were our total sales in Q4 2024?",
        """
        SELECT SUM(ol.net_amount) AS total_sales
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        WHERE o.order_date >= DATE '2024-10-01' AND o.order_date < DATE '2025-01-01'
        """,
    ),
    (
        "What were the top 5 products by revenue in 2025?",
        """
        SELECT p.product_name, SUM(ol.net_amount) AS revenue
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN products p ON p.product_id = ol.product_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY p.product_id, p.product_name
        ORDER BY revenue DESC
        LIMIT 5
        """,
    ),
    (
        "What share of 2025 revenue came from each region?",
        """
        SELECT c.region,
               SUM(ol.net_amount) AS revenue,
               ROUND(100.0 * SUM(ol.net_amount) / SUM(SUM(ol.net_amount)) OVER (), 1)
                   AS share_pct
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN customers c ON c.customer_id = o.customer_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY c.region
        ORDER BY revenue DESC
        """,
    ),
    (
        "How many orders were placed each month in 2024?",
        """
        SELECT date_trunc('month', order_date) AS month, COUNT(*) AS orders
        FROM orders
        WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'
        GROUP BY month
        ORDER BY month
        """,
    ),
    (
        "How many customers are in Europe?",
        "SELECT COUNT(*) AS customers FROM customers WHERE region = 'Europe'",
    ),
    (
        "What is the average order value by sales channel in 2025?",
        """
        WITH order_totals AS (
            SELECT o.order_id, o.channel, SUM(ol.net_amount) AS order_value
            FROM orders o
            JOIN order_lines ol ON ol.order_id = o.order_id
            WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
            GROUP BY o.order_id, o.channel
        )
        SELECT channel, ROUND(AVG(order_value), 2) AS average_order_value
        FROM order_totals
        GROUP BY channel
        ORDER BY average_order_value DESC
        """,
    ),
    (
        "How many order lines were returned in 2024?",
        """
        SELECT COUNT(*) AS returned_lines
        FROM returns
        WHERE return_date >= DATE '2024-01-01' AND return_date < DATE '2025-01-01'
        """,
    ),
    (
        "For Q3 2025, show each sales rep's revenue target next to their actual revenue.",
        """
        WITH actuals AS (
            SELECT o.rep_id, SUM(ol.net_amount) AS actual_revenue
            FROM orders o
            JOIN order_lines ol ON ol.order_id = o.order_id
            WHERE o.order_date >= DATE '2025-07-01' AND o.order_date < DATE '2025-10-01'
            GROUP BY o.rep_id
        )
        SELECT r.rep_name, t.target_amount, COALESCE(a.actual_revenue, 0) AS actual_revenue
        FROM sales_targets t
        JOIN sales_reps r ON r.rep_id = t.rep_id
        LEFT JOIN actuals a ON a.rep_id = t.rep_id
        WHERE t.year = 2025 AND t.quarter = 3
        ORDER BY r.rep_name
        """,
    ),
    (
        "By what percentage did revenue grow in 2025 compared with 2024?",
        """
        SELECT ROUND(
            100.0 * (SUM(ol.net_amount) FILTER (WHERE year(o.order_date) = 2025)
                     / SUM(ol.net_amount) FILTER (WHERE year(o.order_date) = 2024) - 1),
            1) AS growth_pct
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        """,
    ),
    (
        "Who were our top 10 customers by revenue in 2025?",
        """
        SELECT c.customer_name, SUM(ol.net_amount) AS revenue
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN customers c ON c.customer_id = o.customer_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY c.customer_id, c.customer_name
        ORDER BY revenue DESC
        LIMIT 10
        """,
    ),
    (
        "How much did we refund in 2025 for each return reason?",
        """
        SELECT reason, SUM(refund_amount) AS total_refunded
        FROM returns
        WHERE return_date >= DATE '2025-01-01' AND return_date < DATE '2026-01-01'
        GROUP BY reason
        ORDER BY total_refunded DESC
        """,
    ),
    (
        "How many orders were cancelled in 2024?",
        """
        SELECT COUNT(*) AS cancelled_orders
        FROM orders
        WHERE status = 'Cancelled'
          AND order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'
        """,
    ),
    (
        "Which country had the most orders in 2025?",
        """
        SELECT c.country
        FROM orders o
        JOIN customers c ON c.customer_id = o.customer_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY c.country
        ORDER BY COUNT(*) DESC
        LIMIT 1
        """,
    ),
    (
        "What is the average discount per order line for each customer segment?",
        """
        SELECT c.segment, ROUND(AVG(ol.discount), 4) AS average_discount
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN customers c ON c.customer_id = o.customer_id
        GROUP BY c.segment
        ORDER BY average_discount DESC
        """,
    ),
    (
        "How many new customers signed up in each year from 2023 to 2025?",
        """
        SELECT year(signup_date) AS signup_year, COUNT(*) AS new_customers
        FROM customers
        WHERE signup_date >= DATE '2023-01-01' AND signup_date < DATE '2026-01-01'
        GROUP BY signup_year
        ORDER BY signup_year
        """,
    ),
    (
        "What was the gross profit (revenue minus product cost) by category in 2025?",
        """
        SELECT p.category,
               SUM(ol.net_amount - ol.quantity * p.unit_cost) AS gross_profit
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN products p ON p.product_id = ol.product_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY p.category
        ORDER BY gross_profit DESC
        """,
    ),
    (
        "Which sales rep brought in the most revenue in 2024?",
        """
        SELECT r.rep_name, SUM(ol.net_amount) AS revenue
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN sales_reps r ON r.rep_id = o.rep_id
        WHERE o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2025-01-01'
        GROUP BY r.rep_id, r.rep_name
        ORDER BY revenue DESC
        LIMIT 1
        """,
    ),
    (
        "How many units of the Orbit 6 Pro Smartphone did we sell in each quarter of 2025?",
        """
        SELECT quarter(o.order_date) AS quarter, SUM(ol.quantity) AS units_sold
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN products p ON p.product_id = ol.product_id
        WHERE p.product_name = 'Orbit 6 Pro Smartphone'
          AND o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY quarter
        ORDER BY quarter
        """,
    ),
    (
        "What was the average number of days between order and shipment for each channel in 2025?",
        """
        SELECT channel, ROUND(AVG(ship_date - order_date), 2) AS average_days_to_ship
        FROM orders
        WHERE ship_date IS NOT NULL
          AND order_date >= DATE '2025-01-01' AND order_date < DATE '2026-01-01'
        GROUP BY channel
        ORDER BY channel
        """,
    ),
    (
        "How many sales reps beat their revenue target in Q4 2024?",
        """
        WITH actuals AS (
            SELECT o.rep_id, SUM(ol.net_amount) AS actual_revenue
            FROM orders o
            JOIN order_lines ol ON ol.order_id = o.order_id
            WHERE o.order_date >= DATE '2024-10-01' AND o.order_date < DATE '2025-01-01'
            GROUP BY o.rep_id
        )
        SELECT COUNT(*) AS reps_above_target
        FROM sales_targets t
        JOIN actuals a ON a.rep_id = t.rep_id
        WHERE t.year = 2024 AND t.quarter = 4 AND a.actual_revenue > t.target_amount
        """,
    ),
]
