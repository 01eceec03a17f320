"""Which project ee.Initialize() will use, and what is wrong with it (part of the credential
report: an SDK project, none at all)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import formats
from .problems import problem

if TYPE_CHECKING:
    from .source import Source, SourceName


def _ee_project(
    chosen: Source | None, ee_src: Source, adc_src: Source
) -> tuple[str | None, str | None]:
    """ee's project: EE file ``project``, ADC file ``quota_project_id``, the credentials' quota
    project, then the client id's project number. Returns (project, where it came from)."""
    if ee_src["project"]:
        return ee_src["project"], "earthengine"
    if adc_src["quota_project"]:
        return adc_src["quota_project"], "adc"
    if chosen is None:
        return None, None
    if chosen["quota_project"]:
        return chosen["quota_project"], chosen["name"]
    return None, "client"


def ee_project_problems(
    sources: Mapping[SourceName, Source],
    chosen_name: SourceName | None,
    client_ids: Mapping[str, object],
) -> tuple[str | None, str | None]:
    """Work out ee's project and attach a problem to the source ee uses when it has none.
    Returns (project, where it came from: ``earthengine``, ``adc``, a source name, ``client``
    for the number in the OAuth client id, or None).

    Without a project anywhere, ee takes the number in the OAuth client id: the user's own
    project for a custom client, an SDK project for gcloud's client (refused), and Earth
    Engine's own client project (which no user may bill).
    """
    if chosen_name is None:
        return None, None
    chosen = sources[chosen_name]
    if not chosen["present"] or chosen["type"] in (None, "unknown") or chosen["valid"] is False:
        # The source itself is broken; that is the problem to fix first.
        return None, None
    project, origin = _ee_project(chosen, sources["earthengine"], sources["adc"])
    if chosen["type"] == "service_account" and chosen_name != "metadata":
        # ee accepts a service account without a project (it uses the account's own).
        return (project, origin) if project else (chosen["project"], chosen_name)
    if origin == "client":
        number = formats.project_number_of_client(client_ids.get(chosen_name))
        if number and formats.is_sdk_project(number):
            chosen["problems"].append(
                problem(
                    "sdk_project",
                    f"Earth Engine would bill project {number}, which belongs to a Google SDK "
                    f"(the OAuth client's project) and is refused. Select your own project.",
                )
            )
            return None, None
        if number and chosen["client"] == "custom":
            return number, "client"
        chosen["problems"].append(
            problem(
                "no_project",
                "ee.Initialize() has no project to use. Select a project (it is written to the "
                "Earth Engine file), or call ee.Initialize(project='my-project').",
            )
        )
        return None, None
    if formats.is_sdk_project(project):
        chosen["problems"].append(
            problem(
                "sdk_project",
                f"The project {project} belongs to a Google SDK and Earth Engine refuses it. "
                f"Select your own project.",
            )
        )
    return project, origin
