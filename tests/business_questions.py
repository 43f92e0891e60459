"""Business questions about the demo warehouse, each with a reference DuckDB query.

Conventions the reference answers follow (and the warehouse's column comments state):
- "revenue" / "sales" = SUM(order_lines.net_amount), in USD, after discount;
- a sale is dated by orders.order_date, a return by returns.return_date;
- nothing is excluded by default: cancelled orders count unless a question says otherwise;
- a customer's region is customers.region;
- "which X had the most Y" shows X; the count that ranks it only when the question asks for it ("and how
  many"), as in Spider's references.

GLOSSARY: the business terms the ANALYST_QUESTIONS' gold SQL assumes, written so that a semantic model can
encode exactly these definitions. The data ends on 2025-12-31.
- revenue / sales = SUM(order_lines.net_amount), dated by orders.order_date (all statuses, cancelled included).
- orders (number of orders) = COUNT(DISTINCT orders.order_id); units = SUM(order_lines.quantity).
- average order value (AOV) = revenue / COUNT(DISTINCT orders.order_id) over the same rows (per order, never
  AVG(net_amount), which is per line).
- units per order = SUM(order_lines.quantity) / COUNT(DISTINCT orders.order_id).
- revenue per customer ("the average customer spent") = revenue / COUNT(DISTINCT orders.customer_id) of the
  customers who ordered in the period; orders per customer = COUNT(orders) / COUNT(DISTINCT customer_id), same.
- gross profit = SUM(order_lines.net_amount - order_lines.quantity * products.unit_cost);
  gross margin % = gross profit / revenue * 100.
- active customer in a period: a customer with at least one order (orders.order_date) in it.
- new customer in a period: a customer whose first order ever (MIN(orders.order_date)) falls in it
  (not customers.signup_date; "signups" are counted by signup_date).
- returning customer in year Y: a customer who ordered in Y and also ordered before Y (any earlier date).
  Share of revenue from returning customers in Y = revenue of Y's orders by returning customers / revenue in Y.
- churned customer in year Y: ordered in Y-1 and not in Y. Churn rate in Y = churned / customers active in
  Y-1 * 100. Retention rate from Y-1 to Y = customers active in both / customers active in Y-1 * 100.
- growth = this period's value - the previous period's value; growth % = (this - previous) / previous * 100.
  "grew the most in dollars" ranks by growth, "growth rate" / "fastest" / "in percent" ranks by growth %.
  Month-over-month growth of January compares it with December of the year before.
- share of total (%) = the part's value / the value of the whole over the same period and filters * 100
  ("within Electronics": the whole is Electronics).
- running / cumulative / year-to-date total: the measure summed from the first period of the asked range
  through each period, in period order.
- this year = 2025, last year = 2024. H1 = January-June, H2 = July-December; Q1..Q4 are calendar quarters.
- days to ship = orders.ship_date - orders.order_date, over orders that shipped (ship_date IS NOT NULL);
  "within N days" means days to ship <= N. Days from signup to first order = first order date - signup_date.
- return rate (%) = returned order lines (a row in returns) / order lines * 100, the lines taken by their
  order's order_date.
- target attainment (%) = the rep's revenue in the period / SUM(sales_targets.target_amount) for it * 100.
- top N per group: the N rows with the largest measure within each group (ROW_NUMBER over the group).
Result shape: percentages are rounded to 1 decimal, averages and ratios (money, days, counts) to 2;
totals of money are not rounded. "X vs Y" / "compare X with Y" over two periods answers one row (per group)
with one column per period, the earlier first; a comparison of two segments answers one row per segment.
Only what the question asks is returned, plus the labels of its groups.
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

ANALYST_QUESTIONS: list[tuple[str, str]] = [
    # --- growth between years, quarters and months
    (
        "Which product category grew the most in dollars from 2023 to 2024?",
        """
        WITH yearly AS (
            SELECT p.category,
                   SUM(ol.net_amount) FILTER (WHERE o.order_date >= DATE '2023-01-01'
                                                AND o.order_date < DATE '2024-01-01') AS revenue_2023,
                   SUM(ol.net_amount) FILTER (WHERE o.order_date >= DATE '2024-01-01'
                                                AND o.order_date < DATE '2025-01-01') AS revenue_2024
            FROM order_lines ol
            JOIN orders o ON o.order_id = ol.order_id
            JOIN products p ON p.product_id = ol.product_id
            GROUP BY p.category
        )
        SELECT category
        FROM yearly
        ORDER BY revenue_2024 - revenue_2023 DESC
        LIMIT 1
        """,
    ),
    (
        "Which category had the highest revenue growth rate between 2023 and 2024, and what was it in %?",
        """
        WITH yearly AS (
            SELECT p.category,
                   SUM(ol.net_amount) FILTER (WHERE o.order_date >= DATE '2023-01-01'
                                                AND o.order_date < DATE '2024-01-01') AS revenue_2023,
                   SUM(ol.net_amount) FILTER (WHERE o.order_date >= DATE '2024-01-01'
                                                AND o.order_date < DATE '2025-01-01') AS revenue_2024
            FROM order_lines ol
            JOIN orders o ON o.order_id = ol.order_id
            JOIN products p ON p.product_id = ol.product_id
            GROUP BY p.category
        )
        SELECT category, ROUND(100.0 * (revenue_2024 - revenue_2023) / revenue_2023, 1) AS growth_pct
        FROM yearly
        ORDER BY growth_pct DESC
        LIMIT 1
        """,
    ),
    (
        "How much did revenue grow in each region from 2024 to 2025, in dollars and in percent?",
        """
        WITH yearly AS (
            SELECT c.region,
                   SUM(ol.net_amount) FILTER (WHERE o.order_date >= DATE '2024-01-01'
                                                AND o.order_date < DATE '2025-01-01') AS revenue_2024,
                   SUM(ol.net_amount) FILTER (WHERE o.order_date >= DATE '2025-01-01'
                                                AND o.order_date < DATE '2026-01-01') AS revenue_2025
            FROM order_lines ol
            JOIN orders o ON o.order_id = ol.order_id
            JOIN customers c ON c.customer_id = o.customer_id
            GROUP BY c.region
        )
        SELECT region,
               revenue_2025 - revenue_2024 AS growth,
               ROUND(100.0 * (revenue_2025 - revenue_2024) / revenue_2024, 1) AS growth_pct
        FROM yearly
        ORDER BY growth DESC
        """,
    ),
    (
        "By how many percent did sales change from Q3 2025 to Q4 2025?",
        """
        SELECT ROUND(
            100.0 * (SUM(ol.net_amount) FILTER (WHERE o.order_date >= DATE '2025-10-01'
                                                  AND o.order_date < DATE '2026-01-01')
                     - SUM(ol.net_amount) FILTER (WHERE o.order_date >= DATE '2025-07-01'
                                                    AND o.order_date < DATE '2025-10-01'))
            / SUM(ol.net_amount) FILTER (WHERE o.order_date >= DATE '2025-07-01'
                                           AND o.order_date < DATE '2025-10-01'),
            1) AS change_pct
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        """,
    ),
    (
        "Show month-over-month revenue growth % for every month of 2025",
        """
        WITH monthly AS (
            SELECT date_trunc('month', o.order_date) AS month, SUM(ol.net_amount) AS revenue
            FROM order_lines ol
            JOIN orders o ON o.order_id = ol.order_id
            WHERE o.order_date >= DATE '2024-12-01' AND o.order_date < DATE '2026-01-01'
            GROUP BY month
        ),
        with_previous AS (
            SELECT month, revenue, LAG(revenue) OVER (ORDER BY month) AS previous_revenue
            FROM monthly
        )
        SELECT month, ROUND(100.0 * (revenue - previous_revenue) / previous_revenue, 1) AS growth_pct
        FROM with_previous
        WHERE month >= DATE '2025-01-01'
        ORDER BY month
        """,
    ),
    (
        "Which sales channel grew fastest in number of orders from 2024 to 2025 (percent)?",
        """
        WITH yearly AS (
            SELECT channel,
                   COUNT(*) FILTER (WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01')
                       AS orders_2024,
                   COUNT(*) FILTER (WHERE order_date >= DATE '2025-01-01' AND order_date < DATE '2026-01-01')
                       AS orders_2025
            FROM orders
            GROUP BY channel
        )
        SELECT channel
        FROM yearly
        ORDER BY (orders_2025 - orders_2024) / orders_2024 DESC
        LIMIT 1
        """,
    ),
    (
        "For 2024 and 2025, by what percent did the number of active customers grow versus the year before?",
        """
        WITH active AS (
            SELECT year(order_date) AS year, COUNT(DISTINCT customer_id) AS active_customers
            FROM orders
            GROUP BY year
        ),
        with_previous AS (
            SELECT year, active_customers, LAG(active_customers) OVER (ORDER BY year) AS previous_customers
            FROM active
        )
        SELECT year, ROUND(100.0 * (active_customers - previous_customers) / previous_customers, 1) AS growth_pct
        FROM with_previous
        WHERE year IN (2024, 2025)
        ORDER BY year
        """,
    ),
    (
        "What was the gross profit growth in % from last year to this year?",
        """
        WITH yearly AS (
            SELECT SUM(ol.net_amount - ol.quantity * p.unit_cost) FILTER (
                       WHERE o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2025-01-01') AS profit_2024,
                   SUM(ol.net_amount - ol.quantity * p.unit_cost) FILTER (
                       WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01') AS profit_2025
            FROM order_lines ol
            JOIN orders o ON o.order_id = ol.order_id
            JOIN products p ON p.product_id = ol.product_id
        )
        SELECT ROUND(100.0 * (profit_2025 - profit_2024) / profit_2024, 1) AS growth_pct
        FROM yearly
        """,
    ),
    # --- shares of a total
    (
        "What percentage of 2025 revenue came from Corporate customers?",
        """
        SELECT ROUND(100.0 * SUM(ol.net_amount) FILTER (WHERE c.segment = 'Corporate') / SUM(ol.net_amount), 1)
            AS corporate_share_pct
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN customers c ON c.customer_id = o.customer_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        """,
    ),
    (
        "Break down 2024 units sold by category as a percentage of all units",
        """
        SELECT p.category,
               ROUND(100.0 * SUM(ol.quantity) / SUM(SUM(ol.quantity)) OVER (), 1) AS share_of_units_pct
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN products p ON p.product_id = ol.product_id
        WHERE o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2025-01-01'
        GROUP BY p.category
        ORDER BY share_of_units_pct DESC
        """,
    ),
    (
        "What share of our orders in 2025 came through partners?",
        """
        SELECT ROUND(100.0 * COUNT(*) FILTER (WHERE channel = 'Partner') / COUNT(*), 1) AS partner_share_pct
        FROM orders
        WHERE order_date >= DATE '2025-01-01' AND order_date < DATE '2026-01-01'
        """,
    ),
    (
        "What share of revenue came from returning customers in 2025?",
        """
        WITH returning_customers AS (
            SELECT DISTINCT customer_id
            FROM orders
            WHERE order_date < DATE '2025-01-01'
        )
        SELECT ROUND(100.0 * SUM(ol.net_amount) FILTER (WHERE r.customer_id IS NOT NULL) / SUM(ol.net_amount), 1)
            AS returning_share_pct
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        LEFT JOIN returning_customers r ON r.customer_id = o.customer_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        """,
    ),
    (
        "Within Electronics, what percent of 2025 sales did each subcategory make up?",
        """
        SELECT p.subcategory,
               ROUND(100.0 * SUM(ol.net_amount) / SUM(SUM(ol.net_amount)) OVER (), 1) AS share_pct
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN products p ON p.product_id = ol.product_id
        WHERE p.category = 'Electronics'
          AND o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY p.subcategory
        ORDER BY share_pct DESC
        """,
    ),
    # --- per-order and per-customer averages
    (
        "Average order value per month in 2025",
        """
        SELECT date_trunc('month', o.order_date) AS month,
               ROUND(SUM(ol.net_amount) / COUNT(DISTINCT o.order_id), 2) AS average_order_value
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY month
        ORDER BY month
        """,
    ),
    (
        "what was the AOV for each customer segment in 2024",
        """
        SELECT c.segment, ROUND(SUM(ol.net_amount) / COUNT(DISTINCT o.order_id), 2) AS average_order_value
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN customers c ON c.customer_id = o.customer_id
        WHERE o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2025-01-01'
        GROUP BY c.segment
        ORDER BY average_order_value DESC
        """,
    ),
    (
        "How much did the average customer spend with us in 2025, by region?",
        """
        SELECT c.region, ROUND(SUM(ol.net_amount) / COUNT(DISTINCT o.customer_id), 2) AS revenue_per_customer
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN customers c ON c.customer_id = o.customer_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY c.region
        ORDER BY revenue_per_customer DESC
        """,
    ),
    (
        "How many orders did a customer place on average in 2025?",
        """
        SELECT ROUND(COUNT(*) / COUNT(DISTINCT customer_id), 2) AS orders_per_customer
        FROM orders
        WHERE order_date >= DATE '2025-01-01' AND order_date < DATE '2026-01-01'
        """,
    ),
    (
        "Average number of units per order by channel in 2025",
        """
        SELECT o.channel, ROUND(SUM(ol.quantity) / COUNT(DISTINCT o.order_id), 2) AS units_per_order
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY o.channel
        ORDER BY units_per_order DESC
        """,
    ),
    # --- comparisons of two periods or segments
    (
        "Compare revenue in the first half of 2025 with the second half",
        """
        SELECT SUM(ol.net_amount) FILTER (WHERE o.order_date < DATE '2025-07-01') AS revenue_h1,
               SUM(ol.net_amount) FILTER (WHERE o.order_date >= DATE '2025-07-01') AS revenue_h2
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        """,
    ),
    (
        "Orders in Q3 vs Q4 2024 for each channel",
        """
        SELECT channel,
               COUNT(*) FILTER (WHERE order_date < DATE '2024-10-01') AS orders_q3,
               COUNT(*) FILTER (WHERE order_date >= DATE '2024-10-01') AS orders_q4
        FROM orders
        WHERE order_date >= DATE '2024-07-01' AND order_date < DATE '2025-01-01'
        GROUP BY channel
        ORDER BY channel
        """,
    ),
    (
        "Revenue by category this year vs last year",
        """
        SELECT p.category,
               SUM(ol.net_amount) FILTER (WHERE o.order_date < DATE '2025-01-01') AS revenue_2024,
               SUM(ol.net_amount) FILTER (WHERE o.order_date >= DATE '2025-01-01') AS revenue_2025
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN products p ON p.product_id = ol.product_id
        WHERE o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY p.category
        ORDER BY revenue_2025 DESC
        """,
    ),
    (
        "Compare the average order value of Europe and North America in 2025",
        """
        SELECT c.region, ROUND(SUM(ol.net_amount) / COUNT(DISTINCT o.order_id), 2) AS average_order_value
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN customers c ON c.customer_id = o.customer_id
        WHERE c.region IN ('Europe', 'North America')
          AND o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY c.region
        ORDER BY c.region
        """,
    ),
    # --- running and year-to-date totals
    (
        "Show the running total of revenue through 2025, month by month",
        """
        SELECT date_trunc('month', o.order_date) AS month,
               SUM(SUM(ol.net_amount)) OVER (ORDER BY date_trunc('month', o.order_date)) AS running_revenue
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY month
        ORDER BY month
        """,
    ),
    (
        "Year-to-date number of orders at the end of each month of 2024",
        """
        SELECT date_trunc('month', order_date) AS month,
               SUM(COUNT(*)) OVER (ORDER BY date_trunc('month', order_date)) AS orders_year_to_date
        FROM orders
        WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'
        GROUP BY month
        ORDER BY month
        """,
    ),
    (
        "Cumulative number of customer signups by quarter over 2024 and 2025",
        """
        SELECT year(signup_date) AS year, quarter(signup_date) AS quarter,
               SUM(COUNT(*)) OVER (ORDER BY year(signup_date), quarter(signup_date)) AS cumulative_signups
        FROM customers
        WHERE signup_date >= DATE '2024-01-01' AND signup_date < DATE '2026-01-01'
        GROUP BY year, quarter
        ORDER BY year, quarter
        """,
    ),
    # --- top N per group
    (
        "Top 3 products by revenue in each category for 2025",
        """
        WITH ranked AS (
            SELECT p.category, p.product_name, SUM(ol.net_amount) AS revenue,
                   ROW_NUMBER() OVER (PARTITION BY p.category ORDER BY SUM(ol.net_amount) DESC) AS rank
            FROM order_lines ol
            JOIN orders o ON o.order_id = ol.order_id
            JOIN products p ON p.product_id = ol.product_id
            WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
            GROUP BY p.category, p.product_id, p.product_name
        )
        SELECT category, product_name, revenue
        FROM ranked
        WHERE rank <= 3
        ORDER BY category, revenue DESC
        """,
    ),
    (
        "Which product sold the most units in each category in 2024?",
        """
        WITH ranked AS (
            SELECT p.category, p.product_name,
                   ROW_NUMBER() OVER (PARTITION BY p.category ORDER BY SUM(ol.quantity) DESC) AS rank
            FROM order_lines ol
            JOIN orders o ON o.order_id = ol.order_id
            JOIN products p ON p.product_id = ol.product_id
            WHERE o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2025-01-01'
            GROUP BY p.category, p.product_id, p.product_name
        )
        SELECT category, product_name
        FROM ranked
        WHERE rank = 1
        ORDER BY category
        """,
    ),
    (
        "Who are the two best sales reps by revenue in every region in 2025?",
        """
        WITH ranked AS (
            SELECT r.region, r.rep_name, SUM(ol.net_amount) AS revenue,
                   ROW_NUMBER() OVER (PARTITION BY r.region ORDER BY SUM(ol.net_amount) DESC) AS rank
            FROM order_lines ol
            JOIN orders o ON o.order_id = ol.order_id
            JOIN sales_reps r ON r.rep_id = o.rep_id
            WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
            GROUP BY r.region, r.rep_id, r.rep_name
        )
        SELECT region, rep_name, revenue
        FROM ranked
        WHERE rank <= 2
        ORDER BY region, revenue DESC
        """,
    ),
    (
        "In each region, which country brought in the most revenue in 2025?",
        """
        WITH ranked AS (
            SELECT c.region, c.country,
                   ROW_NUMBER() OVER (PARTITION BY c.region ORDER BY SUM(ol.net_amount) DESC) AS rank
            FROM order_lines ol
            JOIN orders o ON o.order_id = ol.order_id
            JOIN customers c ON c.customer_id = o.customer_id
            WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
            GROUP BY c.region, c.country
        )
        SELECT region, country
        FROM ranked
        WHERE rank = 1
        ORDER BY region
        """,
    ),
    # --- new, returning and churned customers
    (
        "How many customers who ordered in 2024 did not order again in 2025?",
        """
        SELECT COUNT(*) AS churned_customers
        FROM (
            SELECT DISTINCT customer_id FROM orders
            WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'
        ) active_2024
        WHERE customer_id NOT IN (
            SELECT customer_id FROM orders
            WHERE order_date >= DATE '2025-01-01' AND order_date < DATE '2026-01-01'
        )
        """,
    ),
    (
        "What was our customer churn rate in 2025?",
        """
        WITH active_2024 AS (
            SELECT DISTINCT customer_id FROM orders
            WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'
        ),
        active_2025 AS (
            SELECT DISTINCT customer_id FROM orders
            WHERE order_date >= DATE '2025-01-01' AND order_date < DATE '2026-01-01'
        )
        SELECT ROUND(100.0 * COUNT(*) FILTER (WHERE a25.customer_id IS NULL) / COUNT(*), 1) AS churn_rate_pct
        FROM active_2024 a24
        LEFT JOIN active_2025 a25 ON a25.customer_id = a24.customer_id
        """,
    ),
    (
        "What percentage of customers who bought in 2023 came back and bought again in 2024?",
        """
        WITH active_2023 AS (
            SELECT DISTINCT customer_id FROM orders
            WHERE order_date >= DATE '2023-01-01' AND order_date < DATE '2024-01-01'
        ),
        active_2024 AS (
            SELECT DISTINCT customer_id FROM orders
            WHERE order_date >= DATE '2024-01-01' AND order_date < DATE '2025-01-01'
        )
        SELECT ROUND(100.0 * COUNT(a24.customer_id) / COUNT(*), 1) AS retention_rate_pct
        FROM active_2023 a23
        LEFT JOIN active_2024 a24 ON a24.customer_id = a23.customer_id
        """,
    ),
    (
        "How many returning customers did we have in 2025?",
        """
        SELECT COUNT(DISTINCT customer_id) AS returning_customers
        FROM orders
        WHERE order_date >= DATE '2025-01-01' AND order_date < DATE '2026-01-01'
          AND customer_id IN (SELECT customer_id FROM orders WHERE order_date < DATE '2025-01-01')
        """,
    ),
    (
        "How many new customers placed their first ever order in each quarter of 2025?",
        """
        WITH first_orders AS (
            SELECT customer_id, MIN(order_date) AS first_order_date
            FROM orders
            GROUP BY customer_id
        )
        SELECT quarter(first_order_date) AS quarter, COUNT(*) AS new_customers
        FROM first_orders
        WHERE first_order_date >= DATE '2025-01-01' AND first_order_date < DATE '2026-01-01'
        GROUP BY quarter
        ORDER BY quarter
        """,
    ),
    # --- days between dates
    (
        "On average how many days did it take us to ship an order, per quarter of 2025?",
        """
        SELECT quarter(order_date) AS quarter, ROUND(AVG(ship_date - order_date), 2) AS average_days_to_ship
        FROM orders
        WHERE ship_date IS NOT NULL
          AND order_date >= DATE '2025-01-01' AND order_date < DATE '2026-01-01'
        GROUP BY quarter
        ORDER BY quarter
        """,
    ),
    (
        "What % of shipped 2025 orders went out within 2 days of the order?",
        """
        SELECT ROUND(100.0 * COUNT(*) FILTER (WHERE ship_date - order_date <= 2) / COUNT(*), 1)
            AS shipped_within_2_days_pct
        FROM orders
        WHERE ship_date IS NOT NULL
          AND order_date >= DATE '2025-01-01' AND order_date < DATE '2026-01-01'
        """,
    ),
    (
        "For customers who signed up in 2024, how many days on average passed between signup and their first order?",
        """
        WITH first_orders AS (
            SELECT customer_id, MIN(order_date) AS first_order_date
            FROM orders
            GROUP BY customer_id
        )
        SELECT ROUND(AVG(f.first_order_date - c.signup_date), 2) AS average_days_to_first_order
        FROM customers c
        JOIN first_orders f ON f.customer_id = c.customer_id
        WHERE c.signup_date >= DATE '2024-01-01' AND c.signup_date < DATE '2025-01-01'
        """,
    ),
    # --- return rates and margins
    (
        "Return rate by product category for orders placed in 2024",
        """
        SELECT p.category, ROUND(100.0 * COUNT(r.return_id) / COUNT(*), 1) AS return_rate_pct
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN products p ON p.product_id = ol.product_id
        LEFT JOIN returns r ON r.order_line_id = ol.order_line_id
        WHERE o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2025-01-01'
        GROUP BY p.category
        ORDER BY return_rate_pct DESC
        """,
    ),
    (
        "How did our return rate in 2025 compare with 2024?",
        """
        SELECT ROUND(100.0 * COUNT(r.return_id) FILTER (WHERE o.order_date < DATE '2025-01-01')
                     / COUNT(*) FILTER (WHERE o.order_date < DATE '2025-01-01'), 1) AS return_rate_2024_pct,
               ROUND(100.0 * COUNT(r.return_id) FILTER (WHERE o.order_date >= DATE '2025-01-01')
                     / COUNT(*) FILTER (WHERE o.order_date >= DATE '2025-01-01'), 1) AS return_rate_2025_pct
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        LEFT JOIN returns r ON r.order_line_id = ol.order_line_id
        WHERE o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2026-01-01'
        """,
    ),
    (
        "Gross margin % by category in 2025",
        """
        SELECT p.category,
               ROUND(100.0 * SUM(ol.net_amount - ol.quantity * p.unit_cost) / SUM(ol.net_amount), 1)
                   AS gross_margin_pct
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN products p ON p.product_id = ol.product_id
        WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
        GROUP BY p.category
        ORDER BY gross_margin_pct DESC
        """,
    ),
    (
        "Which sales channel had the best gross margin percentage in 2024?",
        """
        SELECT o.channel
        FROM order_lines ol
        JOIN orders o ON o.order_id = ol.order_id
        JOIN products p ON p.product_id = ol.product_id
        WHERE o.order_date >= DATE '2024-01-01' AND o.order_date < DATE '2025-01-01'
        GROUP BY o.channel
        ORDER BY SUM(ol.net_amount - ol.quantity * p.unit_cost) / SUM(ol.net_amount) DESC
        LIMIT 1
        """,
    ),
    (
        "What percent of their full-year 2025 revenue target did each sales rep reach?",
        """
        WITH targets AS (
            SELECT rep_id, SUM(target_amount) AS target
            FROM sales_targets
            WHERE year = 2025
            GROUP BY rep_id
        ),
        actuals AS (
            SELECT o.rep_id, SUM(ol.net_amount) AS revenue
            FROM orders o
            JOIN order_lines ol ON ol.order_id = o.order_id
            WHERE o.order_date >= DATE '2025-01-01' AND o.order_date < DATE '2026-01-01'
            GROUP BY o.rep_id
        )
        SELECT r.rep_name, ROUND(100.0 * COALESCE(a.revenue, 0) / t.target, 1) AS target_attainment_pct
        FROM targets t
        JOIN sales_reps r ON r.rep_id = t.rep_id
        LEFT JOIN actuals a ON a.rep_id = t.rep_id
        ORDER BY target_attainment_pct DESC
        """,
    ),
]
