"""Read-only API of products, IP titles and authorised users: writes go through the pages."""

from django.db.models import QuerySet

from core.api import ScopedReadOnlyViewSet
from ip.api.serializers import AuthorisedUserSerializer, ProductSerializer, TitleSerializer
from ip.models import AuthorisedUser, IpTitle, Product


class ProductViewSet(ScopedReadOnlyViewSet):
    model = Product
    serializer_class = ProductSerializer
    filterset_fields = ["group", "vietgap", "ocop_stars"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.prefetch_related("producers").order_by("name")


class TitleViewSet(ScopedReadOnlyViewSet):
    model = IpTitle
    serializer_class = TitleSerializer
    filterset_fields = ["kind", "holder", "product"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("-grant_date", "name")


class AuthorisedUserViewSet(ScopedReadOnlyViewSet):
    model = AuthorisedUser
    serializer_class = AuthorisedUserSerializer
    filterset_fields = ["title", "organisation"]

    def refine_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.order_by("valid_from")
