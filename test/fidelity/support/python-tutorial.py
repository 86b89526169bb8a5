"""The ftrack API tutorial, run through the official Python client against a local server.

Reads FTRACK_SERVER, FTRACK_API_USER and FTRACK_API_KEY. Prints one `step: …` line per step and
exits non-zero with the exception when a step fails.
"""
import sys
import uuid

import ftrack_api
import ftrack_api.exception
from peer_session import open_session


def step(name, value=''):
    print('step: %s %s' % (name, value))
    sys.stdout.flush()


session = open_session()
step('types', len(session.types))

projects = session.query('Project').all()
step('projects', len(projects))
if not projects:
    raise SystemExit('no project to work in')
project = projects[0]
for p in projects:
    p['name']

suffix = uuid.uuid4().hex[:8]

# Way 1: set the parent on the child.
first = session.create('Sequence', {'name': 'Starlord Reveal ' + suffix})
first['parent'] = project
# Way 2: append to the parent's children.
second = session.create('Sequence', {'name': 'Starlord Reveal teaser ' + suffix})
project['children'].append(second)
session.commit()
step('committed', first['id'] + ' ' + second['id'])

other = open_session()
found = other.query(
    'select name, parent.id from Sequence where name like "Starlord Reveal%{0}"'.format(suffix)
).all()
names = sorted(s['name'] for s in found)
parents = set(s['parent']['id'] for s in found)
step('reread', '|'.join(names))
if names != sorted(['Starlord Reveal ' + suffix, 'Starlord Reveal teaser ' + suffix]):
    raise SystemExit('re-read names differ: %r' % names)
if parents != set([project['id']]):
    raise SystemExit('re-read parents differ: %r' % parents)
other.close()

session.close()
try:
    session.query('Project').all()
except ftrack_api.exception.ConnectionClosedError:
    step('closed', 'ConnectionClosedError')
else:
    raise SystemExit('query after close did not raise ConnectionClosedError')
step('done')
