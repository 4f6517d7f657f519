#!/usr/bin/env python3
"""Checks JUnit XML files against the structure Jenkins' xunit plugin
accepts (its junit-10.xsd, MIT, restated here as rules rather than
copied): element nesting, required and allowed attributes, the time
pattern; and that the counts agree with the cases. Prints one line per
problem and exits 1 when there is any.

    junit_schema.py FILE...
"""
import re
import sys
import xml.etree.ElementTree as ET

TIME = re.compile(r'^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$')
ROOT_ATTRS = {'name', 'time', 'tests', 'failures', 'errors'}
SUITE_REQUIRED = {'name', 'tests', 'failures', 'errors'}
SUITE_ATTRS = SUITE_REQUIRED | {'group', 'time', 'skipped', 'timestamp',
                                'hostname', 'id', 'package', 'file', 'log',
                                'url'}
SUITE_CHILDREN = {'testsuite', 'properties', 'testcase', 'system-out',
                  'system-err'}
CASE_ATTRS = {'name', 'time', 'classname', 'group'}
CASE_CHILDREN = {'skipped', 'error', 'failure', 'rerunFailure', 'rerunError',
                 'flakyFailure', 'flakyError', 'system-out', 'system-err'}
RESULT_ATTRS = {'type', 'message'}
ISO = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z?$')


def check(path):
    bad = []

    def no(msg):
        bad.append('%s: %s' % (path, msg))

    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        return ['%s: not well-formed XML: %s' % (path, e)]
    if root.tag != 'testsuites':
        no('root is <%s>, not <testsuites>' % root.tag)
        return bad
    for a in set(root.attrib) - ROOT_ATTRS:
        no('<testsuites> has attribute %s' % a)
    if 'time' in root.attrib and not TIME.match(root.attrib['time']):
        no('<testsuites time=%r>' % root.attrib['time'])
    total = failed = 0
    for suite in root:
        if suite.tag != 'testsuite':
            no('<testsuites> holds <%s>' % suite.tag)
            continue
        name = suite.attrib.get('name', '?')
        for a in SUITE_REQUIRED - set(suite.attrib):
            no('testsuite %r lacks %s' % (name, a))
        for a in set(suite.attrib) - SUITE_ATTRS:
            no('testsuite %r has attribute %s' % (name, a))
        if 'time' in suite.attrib and not TIME.match(suite.attrib['time']):
            no('testsuite %r time=%r' % (name, suite.attrib['time']))
        if 'timestamp' in suite.attrib and \
                not ISO.match(suite.attrib['timestamp']):
            no('testsuite %r timestamp=%r is not ISO 8601'
               % (name, suite.attrib['timestamp']))
        for a in ('hostname', 'file', 'timestamp'):
            if a in suite.attrib and not suite.attrib[a]:
                no('testsuite %r has an empty %s' % (name, a))
        cases = fails = skips = 0
        for child in suite:
            if child.tag not in SUITE_CHILDREN:
                no('testsuite %r holds <%s>' % (name, child.tag))
                continue
            if child.tag != 'testcase':
                if child.tag.startswith('system-') and len(child):
                    no('%s of %r has elements' % (child.tag, name))
                continue
            cases += 1
            if 'name' not in child.attrib:
                no('a testcase of %r has no name' % name)
            for a in set(child.attrib) - CASE_ATTRS:
                no('testcase in %r has attribute %s' % (name, a))
            kinds = [r.tag for r in child]
            for r in child:
                if r.tag not in CASE_CHILDREN:
                    no('testcase in %r holds <%s>' % (name, r.tag))
                elif r.tag in ('failure', 'error', 'skipped'):
                    for a in set(r.attrib) - RESULT_ATTRS:
                        no('<%s> has attribute %s' % (r.tag, a))
            fails += 'failure' in kinds
            skips += 'skipped' in kinds
        for key, n in (('tests', cases), ('failures', fails)):
            if suite.attrib.get(key) != str(n):
                no('testsuite %r says %s=%s, has %d'
                   % (name, key, suite.attrib.get(key), n))
        if 'skipped' in suite.attrib and suite.attrib['skipped'] != str(skips):
            no('testsuite %r says skipped=%s, has %d'
               % (name, suite.attrib['skipped'], skips))
        total += cases
        failed += fails
    for key, n in (('tests', total), ('failures', failed)):
        if key in root.attrib and root.attrib[key] != str(n):
            no('<testsuites %s=%s>, the suites have %d'
               % (key, root.attrib[key], n))
    return bad


def main(paths):
    bad = []
    for p in paths:
        bad += check(p)
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
