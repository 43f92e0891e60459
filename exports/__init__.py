"""Files a user takes away: charts as PNG/SVG/PDF/HTML, data as CSV/XLSX."""
