from rest_framework import serializers

from ip.models import AuthorisedUser, IpTitle, Product


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "version", *Product.EDITABLE_FIELDS, "producers"]


class TitleSerializer(serializers.ModelSerializer):
    class Meta:
        model = IpTitle
        fields = ["id", "version", *IpTitle.EDITABLE_FIELDS]


class AuthorisedUserSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuthorisedUser
        fields = ["id", "version", "title", *AuthorisedUser.EDITABLE_FIELDS]
