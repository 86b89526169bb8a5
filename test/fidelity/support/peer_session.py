"""A session of the official Python client for the server named by FTRACK_SERVER, FTRACK_API_USER
and FTRACK_API_KEY (no event hub): shared by the peer scripts beside this file."""
import os

import ftrack_api


def open_session():
    return ftrack_api.Session(
        server_url=os.environ['FTRACK_SERVER'],
        api_user=os.environ['FTRACK_API_USER'],
        api_key=os.environ['FTRACK_API_KEY'],
        auto_connect_event_hub=False,
    )
