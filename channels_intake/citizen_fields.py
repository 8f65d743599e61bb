"""The optional citizen found on a letter, a post or a media item: a form declares `name`,
`cpr`, `mobile` and `language` fields and mixes this in to clean them and hand them to intake."""

from complaints.intake import CitizenDetails
from complaints.values import identity


class OptionalCitizenMixin:
    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"]
        return identity.normalise_mobile(mobile) if mobile.strip() else ""

    def citizen(self) -> CitizenDetails | None:
        data = self.cleaned_data
        if not data["cpr"]:
            return None
        return CitizenDetails(name=data["name"], cpr=data["cpr"], mobile=data["mobile"],
                              preferred_language=data["language"])
