"""Bulk writing for the national data set: ids taken in advance, rows written by COPY on PostgreSQL.

Rows are plain tuples in the order of the columns given; every other concrete column gets its
model default, so a row written here is the row the ORM would have written. On another database
(SQLite in the tests) the same rows go through ``bulk_create`` in batches.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.utils import timezone

COPY_CHUNK = 50_000  # rows per COPY statement: bounded memory whatever the data set's size
BATCH_SIZE = 2_000  # rows per INSERT elsewhere
NULL = r"\N"


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def take_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve ``count`` primary keys for ``model`` so related rows can be written before the rows exist."""
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite assigns max(id) + 1: one writer at a time, so the next ids are free.
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 - the table name is the model's
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def _default(field: models.Field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


class Writer:
    """Write rows of one model: ``Writer(Person, ["id", "unit_id", "full_name"]).write(rows)``."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]):
        self.model = model
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
        self.columns = list(columns)
        self.extra = [name for name in fields if name not in columns and not fields[name].primary_key]
        self.defaults = tuple(_default(fields[name]) for name in self.extra)
        self.db_columns = [fields[name].column for name in [*self.columns, *self.extra]]
        names = [*self.columns, *self.extra]
        self.json_columns = {i for i, name in enumerate(names) if isinstance(fields[name], models.JSONField)}
        self.written = 0

    def write(self, rows: Iterable[tuple]) -> int:
        if is_postgresql():
            self._copy(rows)
        else:
            self._insert(rows)
        return self.written

    def _copy_values(self, row: tuple) -> list:
        values = row + self.defaults
        if self.json_columns:
            values = tuple(json.dumps(v) if i in self.json_columns else v for i, v in enumerate(values))
        return [NULL if value is None else value for value in values]

    def _copy(self, rows: Iterable[tuple]) -> None:
        names = ", ".join(f'"{column}"' for column in self.db_columns)
        sql = f'COPY "{self.model._meta.db_table}" ({names}) FROM STDIN WITH (FORMAT csv, NULL \'{NULL}\')'
        buffer, pending = io.StringIO(), 0
        writer = csv.writer(buffer, lineterminator="\n")
        with connection.cursor() as cursor:
            raw = cursor.cursor
            for row in rows:
                writer.writerow(self._copy_values(row))
                pending += 1
                if pending == COPY_CHUNK:
                    self._flush(raw, sql, buffer)
                    self.written += pending
                    buffer = io.StringIO()
                    writer = csv.writer(buffer, lineterminator="\n")
                    pending = 0
            if pending:
                self._flush(raw, sql, buffer)
                self.written += pending

    @staticmethod
    def _flush(raw, sql: str, buffer: io.StringIO) -> None:
        buffer.seek(0)
        raw.copy_expert(sql, buffer)

    def _insert(self, rows: Iterable[tuple]) -> None:
        names = [*self.columns, *self.extra]
        batch = []
        for row in rows:
            values = row + self.defaults
            batch.append(self.model(**dict(zip(names, values, strict=True))))
            if len(batch) == BATCH_SIZE:
                self.model.objects.bulk_create(batch)
                self.written += len(batch)
                batch = []
        if batch:
            self.model.objects.bulk_create(batch)
            self.written += len(batch)


def write(model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Write ``rows`` (tuples in the order of ``columns``) into ``model``'s table; return how many."""
    return Writer(model, columns).write(rows)
