"""Registering incoming documents (Nghị định 30/2020/NĐ-CP Art 20–22): each gets the next số đến of the
receiving unit's register for the year it arrived; entered after the fact, it is marked "nhập bổ sung"."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from common.policies import ensure
from common.text import nfc
from units.audit import audit_record
from units.models import Unit, User

from .. import policies
from ..models import IncomingDocument, Series
from ..numbering import local_today, register_next_number


@transaction.atomic
def incoming_register(
    *,
    actor: User,
    receiving_unit: Unit,
    issuer: Unit,
    type_name: str,
    symbol: str,
    issued_on: date,
    subject: str,
    received_on: date | None = None,
    implements: IncomingDocument | None = None,
) -> IncomingDocument:
    ensure(policies.register_incoming_refusal(actor, receiving_unit))
    received_on = received_on or local_today()
    if issued_on > received_on:
        raise ValidationError({"issued_on": "Ngày ban hành không được sau ngày đến."}, code="dates")
    if received_on > local_today():
        raise ValidationError({"received_on": "Ngày đến không được sau hôm nay."}, code="future")
    if implements is not None and implements.receiving_unit_id != receiving_unit.pk:
        raise ValidationError({"implements": "Văn bản được thực hiện phải có trong sổ văn bản đến của đơn vị."}, code="foreign")
    if implements is not None and implements.issued_on > issued_on:
        raise ValidationError({"implements": "Văn bản được thực hiện phải ban hành trước văn bản này."}, code="order")
    document = IncomingDocument(
        receiving_unit=receiving_unit, issuer=issuer, type_name=nfc(type_name)[:60], symbol=nfc(symbol)[:60], issued_on=issued_on,
        subject=nfc(subject)[:500], implements=implements, year=received_on.year, received_on=received_on,
        is_historical=received_on < local_today(), created_by=actor, incoming_number=0,
    )
    document.full_clean(exclude=["incoming_number"], validate_constraints=False)
    if IncomingDocument.objects.filter(receiving_unit=receiving_unit, issuer=issuer, symbol=document.symbol, issued_on=issued_on).exists():
        raise ValidationError(f"Sổ văn bản đến đã có {document}.", code="duplicate")
    document.incoming_number = register_next_number(issuer=receiving_unit, year=received_on.year, key=Series.INCOMING)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        raise ValidationError(f"Sổ văn bản đến đã có {document}.", code="duplicate") from None
    audit_record(actor=actor, action="incoming_register", obj=document, unit=receiving_unit,
                 summary=f"Vào sổ văn bản đến số {document.incoming_number}: {document.type_name} {document.symbol}")
    return document
