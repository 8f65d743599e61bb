"""Staff reports and the public statistics: figures computed by the database, shown as charts
with the same figures in tables, exported as CSV and XLSX."""
