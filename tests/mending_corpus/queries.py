"""Correct queries with their questions, by warehouse shape (tests/mending_corpus/warehouses.py; "demo" is
the demo warehouse, with the business questions' reference queries added in tests/test_mending_corpus.py).

Written the way people and models write them: T1/T2 aliases, joins only for filtering, counts next to a
top-N. The first of each shape are the examples of issue 18 that mending used to turn wrong."""

from __future__ import annotations

RETAIL: list[tuple[str, str]] = [
    (
        "Which customers have purchased anything?",
        "SELECT DISTINCT c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id",
    ),
    (
        "How many items did each customer buy?",
        "SELECT c.name, SUM(oi.quantity) FROM customers c JOIN orders o ON o.customer_id = c.customer_id "
        "JOIN order_items oi ON oi.order_id = o.order_id GROUP BY c.customer_id, c.name",
    ),
    (
        "Show the orders from customers in California and Texas",
        "SELECT o.order_id, o.order_date FROM orders o JOIN customers c ON c.customer_id = o.customer_id "
        "WHERE c.state IN ('California', 'Texas')",
    ),
    (
        "Which customers signed up over the last 12 months?",
        "SELECT name FROM customers WHERE months_since_signup <= 12",
    ),
    ("How many customers do we have?", "SELECT COUNT(*) FROM customers"),
    (
        "How many customers have never placed an order?",
        "SELECT COUNT(*) FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM orders)",
    ),
    (
        "Which customers have never placed an order?",
        "SELECT c.name FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id WHERE o.order_id IS NULL",
    ),
    (
        "What is the total revenue per product category?",
        "SELECT p.category, SUM(oi.quantity * oi.unit_price) AS revenue FROM order_items oi "
        "JOIN products p ON p.product_id = oi.product_id GROUP BY p.category ORDER BY revenue DESC",
    ),
    (
        "Which 3 products sold the most units, and how many?",
        "SELECT p.name, SUM(oi.quantity) AS units FROM products p JOIN order_items oi ON oi.product_id = p.product_id "
        "GROUP BY p.product_id, p.name ORDER BY units DESC, p.name LIMIT 3",
    ),
    (
        "How many orders did each store take?",
        "SELECT s.store_name, COUNT(o.order_id) FROM stores s JOIN orders o ON o.store_id = s.store_id "
        "GROUP BY s.store_id, s.store_name",
    ),
    (
        "How many orders were placed in 2024?",
        "SELECT COUNT(*) FROM orders WHERE order_date >= '2024-01-01' AND order_date < '2025-01-01'",
    ),
    (
        "What is the average order total for each month of 2024?",
        "SELECT strftime('%m', order_date) AS month, AVG(total) FROM orders "
        "WHERE strftime('%Y', order_date) = '2024' GROUP BY month ORDER BY month",
    ),
    (
        "List the products that have never been ordered",
        "SELECT name FROM products WHERE product_id NOT IN (SELECT product_id FROM order_items)",
    ),
    (
        "Which customers placed more than 5 orders?",
        "SELECT T1.name FROM customers AS T1 JOIN orders AS T2 ON T1.customer_id = T2.customer_id "
        "GROUP BY T1.customer_id HAVING COUNT(*) > 5",
    ),
    (
        "What share of orders were cancelled?",
        "SELECT 100.0 * SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) / COUNT(*) FROM orders",
    ),
    (
        "How many orders per status?",
        "SELECT status, COUNT(*) FROM orders GROUP BY status",
    ),
    (
        "Which state has the most customers?",
        "SELECT state FROM customers GROUP BY state ORDER BY COUNT(*) DESC LIMIT 1",
    ),
    (
        "Which customers ordered in both 2023 and 2024?",
        "SELECT c.name FROM customers c JOIN orders o ON o.customer_id = c.customer_id "
        "WHERE strftime('%Y', o.order_date) = '2023' INTERSECT SELECT c.name FROM customers c "
        "JOIN orders o ON o.customer_id = c.customer_id WHERE strftime('%Y', o.order_date) = '2024'",
    ),
    (
        "What is the most expensive product?",
        "SELECT name, price FROM products ORDER BY price DESC LIMIT 1",
    ),
    (
        "List products cheaper than 20 dollars",
        "SELECT name, price FROM products WHERE price < 20",
    ),
    (
        "Which products cost more than the average price?",
        "SELECT name FROM products WHERE price > (SELECT AVG(price) FROM products)",
    ),
    (
        "How many distinct customers bought Books?",
        "SELECT COUNT(DISTINCT o.customer_id) FROM orders o JOIN order_items oi ON oi.order_id = o.order_id "
        "JOIN products p ON p.product_id = oi.product_id WHERE p.category = 'Books'",
    ),
    (
        "What is the revenue per store state?",
        "SELECT s.state, SUM(o.total) FROM orders o JOIN stores s ON s.store_id = o.store_id GROUP BY s.state",
    ),
    (
        "Which Gold tier customers live in Texas?",
        "SELECT name FROM customers WHERE loyalty_tier = 'Gold' AND state = 'Texas'",
    ),
    (
        "List customers who are in California or are Gold tier",
        "SELECT name FROM customers WHERE state = 'California' OR loyalty_tier = 'Gold'",
    ),
    (
        "Show each order with its customer's name, newest first",
        "SELECT o.order_id, c.name, o.order_date FROM orders o JOIN customers c ON c.customer_id = o.customer_id "
        "ORDER BY o.order_date DESC, o.order_id",
    ),
    (
        "What were the 5 largest orders and who placed them?",
        "SELECT o.order_id, c.name, o.total FROM orders o JOIN customers c ON c.customer_id = o.customer_id "
        "ORDER BY o.total DESC LIMIT 5",
    ),
    (
        "How many units of each product were sold in shipped orders?",
        "SELECT p.name, SUM(oi.quantity) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id "
        "JOIN products p ON p.product_id = oi.product_id WHERE o.status = 'shipped' GROUP BY p.product_id, p.name",
    ),
    (
        "Which stores opened after 2016?",
        "SELECT store_name FROM stores WHERE opened_year > 2016",
    ),
    (
        "How many orders did customers from each city place?",
        "SELECT c.city, COUNT(*) FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY c.city",
    ),
    (
        "What is the average number of items per order?",
        "SELECT AVG(n) FROM (SELECT order_id, COUNT(*) AS n FROM order_items GROUP BY order_id)",
    ),
    (
        "Which customers spent more than 500 in total?",
        "SELECT c.name, SUM(o.total) AS spent FROM customers c JOIN orders o ON o.customer_id = c.customer_id "
        "GROUP BY c.customer_id, c.name HAVING SUM(o.total) > 500",
    ),
    (
        "What is the monthly revenue trend in 2024?",
        "SELECT strftime('%Y-%m', order_date) AS month, SUM(total) FROM orders "
        "WHERE order_date BETWEEN '2024-01-01' AND '2024-12-31' GROUP BY month ORDER BY month",
    ),
    (
        "Which categories have products out of stock?",
        "SELECT DISTINCT category FROM products WHERE in_stock = 0",
    ),
    (
        "How many customers signed up in each year?",
        "SELECT strftime('%Y', signup_date) AS year, COUNT(*) FROM customers GROUP BY year ORDER BY year",
    ),
    (
        "When was the most recent order placed?",
        "SELECT MAX(order_date) FROM orders",
    ),
    (
        "Rank the customers by total spend with a running position",
        "SELECT name, spent, RANK() OVER (ORDER BY spent DESC) AS position FROM (SELECT c.name, SUM(o.total) AS spent "
        "FROM customers c JOIN orders o ON o.customer_id = c.customer_id GROUP BY c.customer_id, c.name)",
    ),
]

SAAS: list[tuple[str, str]] = [
    ("How many accounts are on each plan?", "SELECT plan, COUNT(*) FROM accounts GROUP BY plan"),
    (
        "What is the total monthly recurring revenue of active subscriptions?",
        "SELECT SUM(mrr) FROM subscriptions WHERE status = 'active'",
    ),
    (
        "Which accounts have no users?",
        "SELECT account_name FROM accounts WHERE account_id NOT IN (SELECT account_id FROM users)",
    ),
    (
        "How many users does each account have?",
        "SELECT a.account_name, COUNT(u.user_id) FROM accounts a LEFT JOIN users u ON u.account_id = a.account_id "
        "GROUP BY a.account_id, a.account_name",
    ),
    (
        "Which 3 accounts have the most users, and how many?",
        "SELECT a.account_name, COUNT(*) AS users FROM accounts a JOIN users u ON u.account_id = a.account_id "
        "GROUP BY a.account_id, a.account_name ORDER BY users DESC, a.account_name LIMIT 3",
    ),
    (
        "What is the unpaid invoice amount per account?",
        "SELECT a.account_name, SUM(i.amount) FROM invoices i JOIN accounts a ON a.account_id = i.account_id "
        "WHERE i.paid = 0 GROUP BY a.account_id, a.account_name",
    ),
    (
        "How many users signed up in 2024?",
        "SELECT COUNT(*) FROM users WHERE signup_date >= '2024-01-01' AND signup_date < '2025-01-01'",
    ),
    (
        "Which users have admin role in German accounts?",
        "SELECT u.email FROM users u JOIN accounts a ON a.account_id = u.account_id "
        "WHERE u.role = 'admin' AND a.country = 'Germany'",
    ),
    (
        "Which features were used by more than 10 different users?",
        "SELECT f.feature_name FROM features f JOIN feature_usage fu ON fu.feature_id = f.feature_id "
        "GROUP BY f.feature_id, f.feature_name HAVING COUNT(DISTINCT fu.user_id) > 10",
    ),
    (
        "Which feature has never been used?",
        "SELECT feature_name FROM features WHERE feature_id NOT IN (SELECT feature_id FROM feature_usage)",
    ),
    (
        "What is the total number of feature events per feature?",
        "SELECT f.feature_name, SUM(fu.events) FROM feature_usage fu JOIN features f ON f.feature_id = fu.feature_id "
        "GROUP BY f.feature_name",
    ),
    (
        "How many tickets are still open?",
        "SELECT COUNT(*) FROM tickets WHERE closed_on IS NULL",
    ),
    (
        "What is the average satisfaction of closed tickets by priority?",
        "SELECT priority, AVG(satisfaction) FROM tickets WHERE closed_on IS NOT NULL GROUP BY priority",
    ),
    (
        "Which accounts opened urgent tickets?",
        "SELECT DISTINCT a.account_name FROM accounts a JOIN users u ON u.account_id = a.account_id "
        "JOIN tickets t ON t.user_id = u.user_id WHERE t.priority = 'urgent'",
    ),
    (
        "How many tickets did users of each account open?",
        "SELECT a.account_name, COUNT(t.ticket_id) FROM accounts a JOIN users u ON u.account_id = a.account_id "
        "JOIN tickets t ON t.user_id = u.user_id GROUP BY a.account_id, a.account_name",
    ),
    (
        "What is the average number of days to close a ticket?",
        "SELECT AVG(julianday(closed_on) - julianday(opened_on)) FROM tickets WHERE closed_on IS NOT NULL",
    ),
    (
        "Which account has the highest total invoiced amount?",
        "SELECT a.account_name FROM accounts a JOIN invoices i ON i.account_id = a.account_id "
        "GROUP BY a.account_id, a.account_name ORDER BY SUM(i.amount) DESC LIMIT 1",
    ),
    (
        "List subscriptions with mrr under 100",
        "SELECT subscription_id, mrr FROM subscriptions WHERE mrr < 100",
    ),
    (
        "What is the invoiced revenue per quarter of 2024?",
        "SELECT (CAST(strftime('%m', issued_on) AS INTEGER) + 2) / 3 AS quarter, SUM(amount) FROM invoices "
        "WHERE strftime('%Y', issued_on) = '2024' GROUP BY quarter ORDER BY quarter",
    ),
    (
        "Which countries have accounts on the Enterprise plan?",
        "SELECT DISTINCT country FROM accounts WHERE plan = 'Enterprise'",
    ),
    (
        "How many seats do accounts in each country have in total?",
        "SELECT country, SUM(seats) FROM accounts GROUP BY country",
    ),
    (
        "Which accounts have both active and cancelled subscriptions?",
        "SELECT account_id FROM subscriptions WHERE status = 'active' "
        "INTERSECT SELECT account_id FROM subscriptions WHERE status = 'cancelled'",
    ),
    (
        "Which users logged in after June 1 2025?",
        "SELECT email FROM users WHERE last_login > '2025-06-01'",
    ),
    (
        "Who are the users that have not opened any ticket?",
        "SELECT email FROM users WHERE user_id NOT IN (SELECT user_id FROM tickets)",
    ),
    (
        "What is the average mrr by plan for active subscriptions, highest first?",
        "SELECT plan, AVG(mrr) AS avg_mrr FROM subscriptions WHERE status = 'active' GROUP BY plan "
        "ORDER BY avg_mrr DESC",
    ),
    (
        "Which accounts were created before 2022?",
        "SELECT account_name FROM accounts WHERE created_at < '2022-01-01'",
    ),
    (
        "How many users have each role?",
        "SELECT role, COUNT(*) FROM users GROUP BY role",
    ),
    (
        "What is the largest single invoice and which account received it?",
        "SELECT a.account_name, i.amount FROM invoices i JOIN accounts a ON a.account_id = i.account_id "
        "ORDER BY i.amount DESC LIMIT 1",
    ),
    (
        "Which features were launched in 2022?",
        "SELECT feature_name FROM features WHERE launched_year = 2022",
    ),
    (
        "How many users used the SSO feature?",
        "SELECT COUNT(DISTINCT fu.user_id) FROM feature_usage fu JOIN features f ON f.feature_id = fu.feature_id "
        "WHERE f.feature_name = 'SSO'",
    ),
    (
        "What is the share of paid invoices?",
        "SELECT AVG(paid) FROM invoices",
    ),
    (
        "Which plans have more than 5 accounts?",
        "SELECT plan FROM accounts GROUP BY plan HAVING COUNT(*) > 5",
    ),
    (
        "List the accounts with their number of subscriptions, including those without any",
        "SELECT a.account_name, COUNT(s.subscription_id) FROM accounts a "
        "LEFT JOIN subscriptions s ON s.account_id = a.account_id GROUP BY a.account_id, a.account_name",
    ),
    (
        "Which accounts have more users than seats?",
        "SELECT a.account_name FROM accounts a JOIN users u ON u.account_id = a.account_id "
        "GROUP BY a.account_id, a.account_name, a.seats HAVING COUNT(*) > a.seats",
    ),
    (
        "How many tickets were opened each month in 2025?",
        "SELECT strftime('%m', opened_on) AS month, COUNT(*) FROM tickets WHERE opened_on >= '2025-01-01' "
        "GROUP BY month ORDER BY month",
    ),
]

HR: list[tuple[str, str]] = [
    (
        "For each employee with a job history, show their first name and when their first job started",
        "WITH firsts AS (SELECT employee_id, MIN(start_dt) AS start_dt FROM job_history GROUP BY employee_id) "
        "SELECT d.first_name, t.start_dt FROM firsts t JOIN employees d ON d.employee_id = t.employee_id",
    ),
    (
        "What is the first name of each employee and the start date of their latest previous job?",
        "WITH t AS (SELECT employee_id, MAX(start_dt) AS start_dt FROM job_history GROUP BY employee_id) "
        "SELECT d.first_name, t.start_dt FROM employees AS d JOIN t ON t.employee_id = d.employee_id",
    ),
    (
        "Show the first names of employees whose previous job started before 2015",
        "WITH t AS (SELECT employee_id, start_dt FROM job_history) SELECT DISTINCT d.first_name FROM t "
        "JOIN employees AS d ON d.employee_id = t.employee_id WHERE t.start_dt < '2015-01-01'",
    ),
    (
        "When did the employees named Ana start their previous jobs?",
        "WITH t AS (SELECT * FROM job_history) SELECT t.start_dt FROM t JOIN employees d "
        "ON d.employee_id = t.employee_id WHERE d.first_name = 'Ana'",
    ),
    ("How many employees are there?", "SELECT COUNT(*) FROM employees"),
    (
        "How many employees work in each department?",
        "SELECT d.department_name, COUNT(e.employee_id) FROM departments d "
        "JOIN employees e ON e.department_id = d.department_id GROUP BY d.department_id, d.department_name",
    ),
    (
        "Which department has no employees?",
        "SELECT department_name FROM departments WHERE department_id NOT IN (SELECT department_id FROM employees)",
    ),
    (
        "What is the average salary per department, highest first?",
        "SELECT d.department_name, AVG(e.salary) AS avg_salary FROM employees e "
        "JOIN departments d ON d.department_id = e.department_id GROUP BY d.department_name ORDER BY avg_salary DESC",
    ),
    (
        "Who is the highest paid employee?",
        "SELECT first_name, last_name FROM employees ORDER BY salary DESC LIMIT 1",
    ),
    (
        "Which employees earn more than their manager?",
        "SELECT e.first_name, e.last_name FROM employees e JOIN employees m ON m.employee_id = e.manager_id "
        "WHERE e.salary > m.salary",
    ),
    (
        "List each employee with their manager's last name",
        "SELECT e.first_name, e.last_name, m.last_name AS manager FROM employees e "
        "JOIN employees m ON m.employee_id = e.manager_id",
    ),
    (
        "How many people report to each manager?",
        "SELECT m.last_name, COUNT(*) FROM employees e JOIN employees m ON m.employee_id = e.manager_id "
        "GROUP BY m.employee_id, m.last_name",
    ),
    (
        "Which employees were hired after 2020?",
        "SELECT first_name, last_name FROM employees WHERE hire_date >= '2021-01-01'",
    ),
    (
        "How many employees were hired each year?",
        "SELECT strftime('%Y', hire_date) AS year, COUNT(*) FROM employees GROUP BY year ORDER BY year",
    ),
    (
        "Which employees earn less than 50000?",
        "SELECT first_name, last_name, salary FROM employees WHERE salary < 50000",
    ),
    (
        "What is the total salary cost of the Berlin departments?",
        "SELECT SUM(e.salary) FROM employees e JOIN departments d ON d.department_id = e.department_id "
        "WHERE d.location = 'Berlin'",
    ),
    (
        "What was the average review rating in each year?",
        "SELECT review_year, AVG(rating) FROM reviews GROUP BY review_year ORDER BY review_year",
    ),
    (
        "Which employees got a rating of 5 in 2024?",
        "SELECT e.first_name, e.last_name FROM employees e JOIN reviews r ON r.employee_id = e.employee_id "
        "WHERE r.review_year = 2024 AND r.rating = 5",
    ),
    (
        "Which employees have never been reviewed?",
        "SELECT first_name, last_name FROM employees WHERE employee_id NOT IN (SELECT employee_id FROM reviews)",
    ),
    (
        "How many trainings has each employee completed?",
        "SELECT e.first_name, e.last_name, COUNT(ta.training_id) FROM employees e "
        "JOIN training_attendance ta ON ta.employee_id = e.employee_id "
        "GROUP BY e.employee_id, e.first_name, e.last_name",
    ),
    (
        "Which training did nobody attend?",
        "SELECT title FROM trainings WHERE training_id NOT IN (SELECT training_id FROM training_attendance)",
    ),
    (
        "How many training hours did each department complete?",
        "SELECT d.department_name, SUM(t.hours) FROM training_attendance ta "
        "JOIN trainings t ON t.training_id = ta.training_id JOIN employees e ON e.employee_id = ta.employee_id "
        "JOIN departments d ON d.department_id = e.department_id GROUP BY d.department_name",
    ),
    (
        "Which department has the largest budget?",
        "SELECT department_name FROM departments ORDER BY budget DESC LIMIT 1",
    ),
    (
        "How many employees have each job title?",
        "SELECT job_title, COUNT(*) FROM employees GROUP BY job_title",
    ),
    (
        "What is the average salary of women and of men?",
        "SELECT gender, AVG(salary) FROM employees GROUP BY gender",
    ),
    (
        "Which employees held a previous job in the Finance department?",
        "SELECT DISTINCT e.first_name, e.last_name FROM employees e "
        "JOIN job_history h ON h.employee_id = e.employee_id "
        "JOIN departments d ON d.department_id = h.department_id WHERE d.department_name = 'Finance'",
    ),
    (
        "How many previous jobs did each employee have?",
        "SELECT e.first_name, e.last_name, COUNT(h.history_id) FROM employees e "
        "LEFT JOIN job_history h ON h.employee_id = e.employee_id GROUP BY e.employee_id, e.first_name, e.last_name",
    ),
    (
        "What is the longest previous job in days?",
        "SELECT MAX(julianday(end_dt) - julianday(start_dt)) FROM job_history",
    ),
    (
        "Which departments are located in Berlin or Paris?",
        "SELECT department_name FROM departments WHERE location IN ('Berlin', 'Paris')",
    ),
    (
        "Top 3 departments by headcount, with the headcount",
        "SELECT d.department_name, COUNT(*) AS headcount FROM employees e "
        "JOIN departments d ON d.department_id = e.department_id GROUP BY d.department_name "
        "ORDER BY headcount DESC LIMIT 3",
    ),
    (
        "Which employees earn above their department's average?",
        "SELECT e.first_name, e.last_name FROM employees e WHERE e.salary > "
        "(SELECT AVG(x.salary) FROM employees x WHERE x.department_id = e.department_id)",
    ),
    (
        "Who are the managers?",
        "SELECT first_name, last_name FROM employees WHERE employee_id IN (SELECT manager_id FROM employees)",
    ),
    (
        "What is the salary rank of each engineer?",
        "SELECT first_name, last_name, RANK() OVER (ORDER BY salary DESC) FROM employees WHERE job_title = 'Engineer'",
    ),
    (
        "Which employees were hired in the same year as their manager?",
        "SELECT e.first_name, e.last_name FROM employees e JOIN employees m ON m.employee_id = e.manager_id "
        "WHERE strftime('%Y', e.hire_date) = strftime('%Y', m.hire_date)",
    ),
    (
        "How many employees have a rating below 3 in 2023?",
        "SELECT COUNT(DISTINCT employee_id) FROM reviews WHERE review_year = 2023 AND rating < 3",
    ),
    (
        "What is the budget per employee of each department?",
        "SELECT d.department_name, d.budget / COUNT(e.employee_id) FROM departments d "
        "JOIN employees e ON e.department_id = d.department_id GROUP BY d.department_id, d.department_name, d.budget",
    ),
    (
        "List the employees of the Sales department ordered by hire date",
        "SELECT e.first_name, e.last_name, e.hire_date FROM employees e "
        "JOIN departments d ON d.department_id = e.department_id WHERE d.department_name = 'Sales' "
        "ORDER BY e.hire_date",
    ),
    (
        "When was the earliest hire?",
        "SELECT MIN(hire_date) FROM employees",
    ),
]

CAMPUS: list[tuple[str, str]] = [
    (
        "How many papers were published in the journal nature in 2020?",
        "SELECT COUNT(DISTINCT t1.paperid) FROM paper AS t1 JOIN journal AS t2 ON t1.journalid = t2.journalid "
        "WHERE t2.journalname = 'nature' AND t1.year = 2020",
    ),
    (
        "Which course has the highest number of enrolled students, and what is the enrollment number?",
        "SELECT c.name, COUNT(*) AS enrolled FROM course c JOIN enrolment e ON e.course_id = c.course_id "
        "GROUP BY c.course_id, c.name ORDER BY enrolled DESC LIMIT 1",
    ),
    (
        "Which papers cite paper 5?",
        "SELECT citingpaperid FROM cite WHERE citedpaperid = 5",
    ),
    (
        "Which papers does paper 7 cite?",
        "SELECT t1.citedpaperid FROM cite AS t1 JOIN paper AS t2 ON t1.citingpaperid = t2.paperid WHERE t2.paperid = 7",
    ),
    (
        "Find the first name of the students who do have pets",
        "SELECT DISTINCT T1.fname FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid = T2.stuid",
    ),
    (
        "Find the ids of the students who do have pets",
        "SELECT DISTINCT T1.stuid FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid = T2.stuid",
    ),
    (
        "What are the top 2 airlines with the most flights?",
        "SELECT a.airline_name, COUNT(*) AS flights FROM airlines a JOIN flights f ON f.airline_id = a.airline_id "
        "GROUP BY a.airline_id, a.airline_name ORDER BY flights DESC LIMIT 2",
    ),
    (
        "Find the first name of students who have no pet",
        "SELECT fname FROM student WHERE stuid NOT IN (SELECT stuid FROM has_pet)",
    ),
    (
        "How many pets does each student have?",
        "SELECT T1.stuid, COUNT(*) FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid = T2.stuid GROUP BY T1.stuid",
    ),
    (
        "Find the average age of students who have a cat",
        "SELECT AVG(T1.age) FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid = T2.stuid "
        "JOIN pets AS T3 ON T3.petid = T2.petid WHERE T3.pettype = 'cat'",
    ),
    (
        "Find the students who have both a cat and a dog",
        "SELECT T1.fname FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid = T2.stuid JOIN pets AS T3 "
        "ON T3.petid = T2.petid WHERE T3.pettype = 'cat' INTERSECT SELECT T1.fname FROM student AS T1 "
        "JOIN has_pet AS T2 ON T1.stuid = T2.stuid JOIN pets AS T3 ON T3.petid = T2.petid WHERE T3.pettype = 'dog'",
    ),
    (
        "Find the students who have a cat or a dog",
        "SELECT DISTINCT T1.fname FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid = T2.stuid JOIN pets AS T3 "
        "ON T3.petid = T2.petid WHERE T3.pettype = 'cat' OR T3.pettype = 'dog'",
    ),
    (
        "How many pets of each type are there, and what is their average weight?",
        "SELECT pettype, COUNT(*), AVG(weight) FROM pets GROUP BY pettype",
    ),
    (
        "How many students are older than 20?",
        "SELECT COUNT(*) FROM student WHERE age > 20",
    ),
    (
        "Which students are younger than 20?",
        "SELECT fname, lname FROM student WHERE age < 20",
    ),
    (
        "How many students are in each major?",
        "SELECT major, COUNT(*) FROM student GROUP BY major",
    ),
    (
        "What is the course number of Databases?",
        "SELECT number FROM course WHERE name = 'Databases'",
    ),
    (
        "Which courses have no enrolled students?",
        "SELECT name FROM course WHERE course_id NOT IN (SELECT course_id FROM enrolment)",
    ),
    (
        "How many students got an A in each course?",
        "SELECT c.name, COUNT(*) FROM enrolment e JOIN course c ON c.course_id = e.course_id WHERE e.grade = 'A' "
        "GROUP BY c.name",
    ),
    (
        "Which students are enrolled in Databases?",
        "SELECT s.fname, s.lname FROM student s JOIN enrolment e ON e.student_id = s.stuid "
        "JOIN course c ON c.course_id = e.course_id WHERE c.name = 'Databases'",
    ),
    (
        "How many credits is each student taking?",
        "SELECT s.stuid, SUM(c.credits) FROM student s JOIN enrolment e ON e.student_id = s.stuid "
        "JOIN course c ON c.course_id = e.course_id GROUP BY s.stuid",
    ),
    (
        "Which journal published the most papers?",
        "SELECT j.journalname FROM journal j JOIN paper p ON p.journalid = j.journalid GROUP BY j.journalid "
        "ORDER BY COUNT(*) DESC LIMIT 1",
    ),
    (
        "How many papers were published each year?",
        "SELECT year, COUNT(*) FROM paper GROUP BY year ORDER BY year",
    ),
    (
        "Which paper is cited by the most papers, and how many?",
        "SELECT citedpaperid, COUNT(*) AS cited_by FROM cite GROUP BY citedpaperid ORDER BY cited_by DESC, "
        "citedpaperid LIMIT 1",
    ),
    (
        "How many citations do papers in science have in total?",
        "SELECT SUM(p.numcitedby) FROM paper p JOIN journal j ON j.journalid = p.journalid "
        "WHERE j.journalname = 'science'",
    ),
    (
        "List papers published after 2019 in cell",
        "SELECT p.title FROM paper p JOIN journal j ON j.journalid = p.journalid WHERE j.journalname = 'cell' "
        "AND p.year > 2019",
    ),
    (
        "Which papers are never cited?",
        "SELECT title FROM paper WHERE paperid NOT IN (SELECT citedpaperid FROM cite)",
    ),
    (
        "How many flights does each airline operate?",
        "SELECT a.airline_name, COUNT(f.flight_id) FROM airlines a LEFT JOIN flights f ON f.airline_id = a.airline_id "
        "GROUP BY a.airline_id, a.airline_name",
    ),
    (
        "Which airlines have no flights?",
        "SELECT airline_name FROM airlines WHERE airline_id NOT IN (SELECT airline_id FROM flights)",
    ),
    (
        "Which airlines fly from Boston?",
        "SELECT DISTINCT a.airline_name FROM airlines a JOIN flights f ON f.airline_id = a.airline_id "
        "WHERE f.source_city = 'Boston'",
    ),
    (
        "What is the average flight distance of USA airlines?",
        "SELECT AVG(f.distance) FROM flights f JOIN airlines a ON a.airline_id = f.airline_id WHERE a.country = 'USA'",
    ),
    (
        "How many flights went from Denver to Oslo?",
        "SELECT COUNT(*) FROM flights WHERE source_city = 'Denver' AND dest_city = 'Oslo'",
    ),
    (
        "Which cities have flights both to Tokyo and to Madrid?",
        "SELECT source_city FROM flights WHERE dest_city = 'Tokyo' INTERSECT "
        "SELECT source_city FROM flights WHERE dest_city = 'Madrid'",
    ),
    (
        "How many flights were longer than 3000 km in each month?",
        "SELECT strftime('%m', flight_date) AS month, COUNT(*) FROM flights WHERE distance > 3000 GROUP BY month",
    ),
    (
        "Which airline has the longest average flight?",
        "SELECT a.airline_name FROM airlines a JOIN flights f ON f.airline_id = a.airline_id "
        "GROUP BY a.airline_id, a.airline_name ORDER BY AVG(f.distance) DESC LIMIT 1",
    ),
    (
        "List the students in alphabetical order of last name",
        "SELECT fname, lname FROM student ORDER BY lname, fname",
    ),
    (
        "What is the average age of students with and without pets?",
        "SELECT stuid IN (SELECT stuid FROM has_pet) AS has_pet, AVG(age) FROM student GROUP BY 1",
    ),
    (
        "What is the oldest pet's type and age?",
        "SELECT pettype, pet_age FROM pets ORDER BY pet_age DESC, petid LIMIT 1",
    ),
]

CORPUS: dict[str, list[tuple[str, str]]] = {"retail": RETAIL, "saas": SAAS, "hr": HR, "campus": CAMPUS}
