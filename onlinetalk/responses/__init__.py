"""Hot Responses (热点回应): the replies a unit publishes within 10 working days after its
session, the commitments its leaders made live (tracked until done) and whether citizens'
suggestions were adopted. A feature package: it plugs into the session page and the question
board through hooks and never the other way round."""
