from rest_framework import serializers

from core.field_groups import PublishedGroupsSerializerMixin
from ip import actions
from ip.models import AuthorisedUser, IpTitle, Product


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "version", *Product.EDITABLE_FIELDS, "producers"]


class TitleSerializer(PublishedGroupsSerializerMixin, serializers.ModelSerializer):
    # Beyond the record's owners, only its published field groups (``IpTitle.FIELD_GROUPS``).
    sees_all = staticmethod(actions.sees_all)

    class Meta:
        model = IpTitle
        fields = ["id", "version", *IpTitle.EDITABLE_FIELDS]


class AuthorisedUserSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuthorisedUser
        fields = ["id", "version", "title", *AuthorisedUser.EDITABLE_FIELDS]
