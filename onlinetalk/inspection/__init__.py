"""Statistics of the programme per unit and year, and the inspection workbook: the evidence an
inspector reads of a year (plan against what was held, announcement lead times, reply times,
late responses with their explanations, commitments)."""
