"""The national data set (issue 13): the real organisation plus generated units, a Ministry-wide campaign,
ten years of award history and a national round of nominations, written in bulk.

``python manage.py generate_national --units 5000``; see ``docs/performance.md``.
"""
