"""The record of the column's editorial work and who may do it: the log actions the features
write on session pages, the scoped audit report, and the Office's "add a person" view."""
