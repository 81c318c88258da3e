"""factory_boy factories for official documents."""

import factory

from documents.models import SigningPosition
from tests.factories import UnitFactory, UserFactory


class SigningPositionFactory(factory.django.DjangoModelFactory):
    """The title under which an account signs for an issuer."""

    class Meta:
        model = SigningPosition

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    title = "Giám đốc"
    authority = ""
    authority_body = ""
