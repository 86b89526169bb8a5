"""The official Python client's file workflows against the local server (spec components.md 3-7).

Prints one `step: {json}` line per step; the test reads them. Input files come from FILES_DIR.
"""
import hashlib
import json
import os
import struct
import time

import ftrack_api
import requests

session = ftrack_api.Session(
    server_url=os.environ['FTRACK_SERVER'],
    api_user=os.environ['FTRACK_API_USER'],
    api_key=os.environ['FTRACK_API_KEY'],
    auto_connect_event_hub=False,
)
folder = os.environ['FILES_DIR']
png_path = os.path.join(folder, 'render.png')


def emit(step, **values):
    print('step: ' + json.dumps(dict(step=step, **values)), flush=True)


def md5(data):
    return hashlib.md5(data).hexdigest()


server = session.query('Location where name is "ftrack.server"').one()

component = session.create_component(png_path, location=server)
with open(png_path, 'rb') as source:
    original = source.read()
url = server.get_url(component)
download = requests.get(url)
emit('single', id=component['id'], name=component['name'], file_type=component['file_type'], size=component['size'],
     availability=server.get_component_availability(component), status=download.status_code,
     same=download.content == original)

thumbnail = requests.get(server.get_thumbnail_url(component, size=10))
width, height = struct.unpack('>II', thumbnail.content[16:24])
emit('thumbnail-url', status=thumbnail.status_code, width=width, height=height)

version = session.query('AssetVersion').first()
made = version.create_thumbnail(png_path)
emit('create-thumbnail', same=version['thumbnail_id'] == made['id'], name=made['name'])

for index in (1, 2, 3):
    with open(os.path.join(folder, 'plate.%04d.exr' % index), 'wb') as frame:
        frame.write(bytes([index]) * (100 * index))
sequence = session.create_component(os.path.join(folder, 'plate.%04d.exr [1-3]'), location=server)
members = sequence['members']
emit('sequence', file_type=sequence['file_type'], size=sequence['size'], members=len(members),
     availability=server.get_component_availability(sequence),
     member_bytes=[len(requests.get(server.get_url(member)).content) for member in members])

job = session.encode_media(png_path)
data = json.loads(job['data'])
first_status = job['status']
# The local server's job goes queued -> running -> done over time: poll as a real client would.
status = first_status
for _ in range(400):
    if status in ('done', 'failed'):
        break
    time.sleep(0.025)
    status = session.query('select status from Job where id is "%s"' % job['id']).one()['status']
emit('encode-media', first_status=first_status, status=status, keep_original=data['keep_original'], formats=[o['format'] for o in data['output']],
     outputs_served=[requests.get(server.get_url(session.get('FileComponent', o['component_id']))).status_code for o in data['output']])

kept = session.create_component(png_path, data={'name': 'kept'}, location=server)
emit('kept', id=kept['id'], size=kept['size'])

server.remove_component(component)
emit('removed', status=requests.get(url).status_code,
     links=len(session.query('ComponentLocation where component_id is "%s"' % component['id']).all()))
emit('done')
