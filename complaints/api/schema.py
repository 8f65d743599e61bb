"""What every staff API operation may answer besides its own responses, added to the OpenAPI
schema in one place (a drf-spectacular postprocessing hook) rather than on each view."""

ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
REFUSALS = {
    "401": {"description": "No credentials, or a wrong or switched-off token.", "content": ERROR},
    "403": {"description": "Not staff, or without the permission the operation needs.", "content": ERROR},
}
NOT_FOUND = {"description": "No such object for this user (another department's complaint).", "content": ERROR}
BAD_CURSOR = {"description": "A cursor this API did not give.", "content": ERROR}
BAD_QUERY = {"description": "A filter value that does not exist; each parameter names its errors.",
             "content": {"application/json": {"schema": {"type": "object", "additionalProperties": {
                 "type": "array", "items": {"type": "string"}}}}}}


def document_refusals(result, generator, request, public):
    for path, operations in result["paths"].items():
        if not path.startswith("/api/v1/") or path.startswith("/api/v1/intake/"):
            continue
        for method, operation in operations.items():
            responses = operation["responses"]
            for status, response in REFUSALS.items():
                responses.setdefault(status, response)
            if "{id}" in path:
                responses.setdefault("404", NOT_FOUND)
            elif method == "get" and any(p["in"] == "query" for p in operation.get("parameters", [])):
                responses.setdefault("400", BAD_QUERY)
                if any(p["name"] == "cursor" for p in operation["parameters"]):
                    responses.setdefault("404", BAD_CURSOR)
    return result
