"""Pages of the reporting cycle, one module per aggregate: ``rounds`` (the plan's calendar and
rounds), ``reports`` (a unit report: fill, submit, approve, review, revisions), ``evidence``
(its files) and ``issues`` (the register of difficulties and proposals). ``reporting/urls.py``
names each view by its module."""
