"""One fixture per mending rule: (rule id, warehouse shape, question, the model's SQL, the rule's output).

Each input is a slip the rule exists for, on the corpus warehouses (tests/mending_corpus/warehouses.py)."""

from __future__ import annotations

RULE_FIXTURES: list[tuple[str, str, str, str, str]] = [
    (
        "copied-references",
        "retail",
        "Which customers ordered?",
        "SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id "
        "REFERENCES customers(customer_id)",
        "SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id",
    ),
    (
        "shared-aliases",
        "retail",
        "Which products were ordered?",
        "SELECT p.name FROM products p JOIN order_items p ON p.product_id = p.product_id",
        "SELECT p.name FROM products AS p JOIN order_items AS order_items ON p.product_id = order_items.product_id",
    ),
    (
        "value-in-wrong-column",
        "retail",
        "Which customers live in Fresno?",
        "SELECT name FROM customers WHERE state = 'Fresno'",
        "SELECT name FROM customers WHERE city = 'Fresno'",
    ),
    (
        "invented-join-columns",
        "retail",
        "Which customers ordered?",
        "SELECT c.name FROM customers c JOIN orders o ON o.id = c.customer_id",
        "SELECT c.name FROM customers AS c JOIN orders AS o ON o.customer_id = c.customer_id",
    ),
    (
        "misplaced-columns",
        "retail",
        "What is the order date of each order item?",
        "SELECT oi.item_id, oi.order_date FROM order_items oi",
        "SELECT oi.item_id, orders.order_date FROM order_items AS oi JOIN orders AS orders "
        "ON oi.order_id = orders.order_id",
    ),
    (
        "ambiguous-columns",
        "retail",
        "List orders with customer names",
        "SELECT order_id, name, customer_id FROM orders JOIN customers ON orders.customer_id = customers.customer_id",
        "SELECT order_id, name, orders.customer_id FROM orders JOIN customers "
        "ON orders.customer_id = customers.customer_id",
    ),
    (
        "self-joins",
        "retail",
        "Orders with customer names",
        "SELECT o.order_id, c.name FROM orders o JOIN customers c ON c.customer_id = c.customer_id",
        "SELECT o.order_id, c.name FROM orders AS o JOIN customers AS c ON c.customer_id = o.customer_id",
    ),
    (
        "off-key-joins",
        "retail",
        "Which customers bought Product 3?",
        "SELECT c.name FROM customers c JOIN order_items oi ON oi.order_id = c.customer_id WHERE oi.product_id = 3",
        "SELECT c.name FROM customers AS c JOIN orders AS orders ON orders.customer_id = c.customer_id "
        "JOIN order_items AS oi ON oi.order_id = orders.order_id WHERE oi.product_id = 3",
    ),
    (
        "anti-joins",
        "retail",
        "Which customers have no orders?",
        "SELECT c.name FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id "
        "WHERE c.customer_id IS NULL",
        "SELECT c.name FROM customers AS c LEFT JOIN orders AS o ON o.customer_id = c.customer_id "
        "WHERE o.customer_id IS NULL",
    ),
    (
        "years-read-as-dates",
        "campus",
        "How many papers per year?",
        "SELECT strftime('%Y', year), COUNT(*) FROM paper GROUP BY strftime('%Y', year)",
        "SELECT year, COUNT(*) FROM paper GROUP BY year",
    ),
    (
        "date-differences",
        "retail",
        "On average, how many days after signing up did customers place their orders?",
        "SELECT AVG(o.order_date - c.signup_date) FROM orders o JOIN customers c ON c.customer_id = o.customer_id",
        "SELECT AVG(JULIANDAY(o.order_date) - JULIANDAY(c.signup_date)) FROM orders AS o JOIN customers AS c "
        "ON c.customer_id = o.customer_id",
    ),
    (
        "unasked-years",
        "retail",
        "When was the last order placed?",
        "SELECT strftime('%Y', order_date) FROM orders ORDER BY order_date DESC LIMIT 1",
        "SELECT order_date FROM orders ORDER BY order_date DESC LIMIT 1",
    ),
    (
        "turned-comparisons",
        "campus",
        "Which students are under 20?",
        "SELECT fname FROM student WHERE age > 20",
        "SELECT fname FROM student WHERE age < 20",
    ),
    (
        "compared-extremes",
        "retail",
        "Which products cost more than the product with the most stock?",
        "SELECT name FROM products WHERE price > (SELECT MAX(in_stock) FROM products)",
        "SELECT name FROM products WHERE price > (SELECT price FROM products ORDER BY in_stock DESC LIMIT 1)",
    ),
    (
        "counted-values",
        "campus",
        "How many credits does the course Databases have?",
        "SELECT COUNT(credits) FROM course WHERE name = 'Databases'",
        "SELECT credits FROM course WHERE name = 'Databases'",
    ),
    (
        "uncounted-tables",
        "retail",
        "Which store has the most orders?",
        "SELECT s.store_name FROM stores s GROUP BY s.store_id ORDER BY COUNT(*) DESC LIMIT 1",
        "SELECT s.store_name FROM stores AS s JOIN orders ON orders.store_id = s.store_id GROUP BY s.store_id "
        "ORDER BY COUNT(*) DESC LIMIT 1",
    ),
    (
        "unjoined-negations",
        "hr",
        "Which departments are not used by any training attendance?",
        "SELECT department_name FROM departments WHERE department_id NOT IN (SELECT department_id FROM employees)",
        "SELECT department_name FROM departments WHERE NOT department_id IN (SELECT employees.department_id "
        "FROM employees JOIN training_attendance ON training_attendance.employee_id = employees.employee_id)",
    ),
    (
        "unnamed-columns",
        "hr",
        "Which employees have a job title that mentions 'Eng'?",
        "SELECT e.last_name FROM employees e JOIN departments d ON d.department_id = e.department_id "
        "WHERE d.location LIKE '%Eng%'",
        "SELECT e.job_title FROM employees AS e JOIN departments AS d ON d.department_id = e.department_id "
        "WHERE d.location LIKE '%Eng%'",
    ),
    (
        "echoed-filters",
        "hr",
        "What is the location of the Sales department?",
        "SELECT department_name FROM departments WHERE department_name = 'Sales'",
        "SELECT location FROM departments WHERE department_name = 'Sales'",
    ),
    (
        "turned-order",
        "campus",
        "List the students sorted by age from old to young.",
        "SELECT fname FROM student ORDER BY age ASC",
        "SELECT fname FROM student ORDER BY age DESC",
    ),
    (
        "filter-for-grouping",
        "hr",
        "What is the average salary for each department?",
        "SELECT AVG(salary) FROM employees WHERE department_id IN (SELECT department_id FROM employees)",
        "SELECT department_id, AVG(salary) FROM employees GROUP BY department_id",
    ),
    (
        "ungrouped-ranking",
        "hr",
        "Which department has the most employees?",
        "SELECT department_id FROM employees ORDER BY COUNT(*) DESC LIMIT 1",
        "SELECT department_id FROM employees GROUP BY department_id ORDER BY COUNT(*) DESC LIMIT 1",
    ),
    (
        "repeated-group-columns",
        "campus",
        "Average weight of pets per age",
        "SELECT pet_age, AVG(weight), AVG(pet_age) FROM pets GROUP BY pet_age",
        "SELECT pet_age, AVG(weight) FROM pets GROUP BY pet_age",
    ),
    (
        "multiplying-joins",
        "retail",
        "How many orders did each store take?",
        "SELECT s.store_name, COUNT(o.order_id) FROM stores s JOIN orders o ON o.store_id = s.store_id "
        "JOIN order_items oi ON oi.order_id = o.order_id GROUP BY s.store_name",
        "SELECT s.store_name, COUNT(o.order_id) FROM stores AS s JOIN orders AS o ON o.store_id = s.store_id "
        "GROUP BY s.store_name",
    ),
    (
        "unasked-joins",
        "campus",
        "What are the names of students older than 20?",
        "SELECT s.fname FROM student s JOIN has_pet h ON h.stuid = s.stuid WHERE s.age > 20",
        "SELECT s.fname FROM student AS s WHERE s.age > 20",
    ),
    (
        "distinct-filtered-items",
        "retail",
        "Which customers ordered?",
        "SELECT c.customer_id, c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id",
        "SELECT DISTINCT c.customer_id, c.name FROM customers AS c JOIN orders AS o ON o.customer_id = c.customer_id",
    ),
    (
        "distinct-asked-values",
        "retail",
        "In which states do customers live?",
        "SELECT state FROM customers",
        "SELECT DISTINCT state FROM customers",
    ),
    (
        "both-as-intersect",
        "campus",
        "Which students have a cat and a dog?",
        "SELECT s.fname FROM student s JOIN has_pet h ON h.stuid = s.stuid JOIN pets p ON p.petid = h.petid "
        "WHERE p.pettype = 'cat' AND p.pettype = 'dog'",
        "SELECT s.fname FROM student AS s JOIN has_pet AS h ON h.stuid = s.stuid JOIN pets AS p ON p.petid = h.petid "
        "WHERE p.pettype = 'cat' INTERSECT SELECT s.fname FROM student AS s JOIN has_pet AS h ON h.stuid = s.stuid "
        "JOIN pets AS p ON p.petid = h.petid WHERE p.pettype = 'dog'",
    ),
    (
        "both-as-union",
        "campus",
        "How many cities have flights both to Tokyo and to Madrid?",
        "SELECT COUNT(*) FROM (SELECT source_city FROM flights WHERE dest_city = 'Tokyo' "
        "UNION SELECT source_city FROM flights WHERE dest_city = 'Madrid')",
        "SELECT COUNT(*) FROM (SELECT source_city FROM flights WHERE dest_city = 'Tokyo' "
        "INTERSECT SELECT source_city FROM flights WHERE dest_city = 'Madrid')",
    ),
    (
        "or-asked-as-and",
        "campus",
        "Which students are older than 24 or study Art?",
        "SELECT fname FROM student WHERE age > 24 AND major = 'Art'",
        "SELECT fname FROM student WHERE age > 24 OR major = 'Art'",
    ),
    (
        "negated-links",
        "campus",
        "Which airlines did not fly from Boston?",
        "SELECT DISTINCT a.airline_name FROM airlines a JOIN flights f ON f.airline_id = a.airline_id "
        "WHERE f.source_city != 'Boston'",
        "SELECT DISTINCT a.airline_name FROM airlines AS a WHERE NOT a.airline_id IN (SELECT a.airline_id "
        "FROM airlines AS a JOIN flights AS f ON f.airline_id = a.airline_id WHERE f.source_city = 'Boston')",
    ),
]
