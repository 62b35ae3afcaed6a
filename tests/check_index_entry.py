#!/usr/bin/env python3
"""tests/check_index_entry.py ENTRY TARBALL DESCRIPTION -- the index entry make dist writes.

Checks lindyn.yaml against the schema of the gnu-octave/packages index as its CI
checks every entry (the top-level keys layout, permalink, description, icon, links,
maintainers, versions, in this order; strings where strings belong; every link, maintainer
and version with its required keys first and in order: icon, label, url; name, contact;
id, date, sha256, url, depends), the index's fixed first and last line "---", and that the
entry describes this release: permalink "<Name>/", id, date and depends from DESCRIPTION,
the sha256 of TARBALL, a URL ending in the tarball's name.  --self-test checks that the
check rejects entries broken in each of these ways.
Prints "index entry: N passed, N failed"; exits non-zero on any failure.
"""
import hashlib
import os
import re
import sys

import yaml

TOP_KEYS = ["layout", "permalink", "description", "icon", "links", "maintainers", "versions"]
LIST_KEYS = {"links": ["icon", "label", "url"], "maintainers": ["name", "contact"],
             "versions": ["id", "date", "sha256", "url", "depends"]}


def description_fields(path):
    fields, key = {}, None
    for line in open(path, encoding="utf-8"):
        if line[:1] in " \t" and key:
            fields[key] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key.strip()] = value.strip()
    return fields


def problems(text, tarball, desc):
    """every way TEXT falls short of the index's schema or of this release, as strings"""
    bad = []
    lines = text.split("\n")
    if lines[0] != "---" or lines[-2:] != ["---", ""]:
        bad.append("the first and the last line must be '---'")
    try:
        data = next(yaml.safe_load_all(text))
    except (yaml.YAMLError, StopIteration) as e:
        return bad + ["not YAML: %s" % e]
    if not isinstance(data, dict):
        return bad + ["the entry is not a mapping"]
    if list(data.keys()) != TOP_KEYS:
        bad.append("top-level keys %s, expected %s" % (list(data.keys()), TOP_KEYS))
    for key in ["layout", "permalink", "description"]:
        if not isinstance(data.get(key), str) or not data.get(key):
            bad.append("%s must be a non-empty string" % key)
    if data.get("icon") and not isinstance(data["icon"], str):
        bad.append("icon must be a string or empty")
    for key, want in LIST_KEYS.items():
        items = data.get(key)
        if not isinstance(items, list) or not items:
            bad.append("%s must be a non-empty list" % key)
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict) or list(item.keys())[:len(want)] != want:
                bad.append("%s[%d] keys %s, expected %s first" %
                           (key, i, list(item.keys()) if isinstance(item, dict) else item, want))
    if data.get("layout") != "package":
        bad.append('layout must be "package"')
    name = desc.get("Name", "")
    if data.get("permalink") != name.lower() + "/":
        bad.append('permalink must be "%s/"' % name.lower())
    versions = data.get("versions") if isinstance(data.get("versions"), list) else []
    v = versions[0] if versions and isinstance(versions[0], dict) else {}
    if str(v.get("id")) != desc.get("Version"):
        bad.append("versions[0].id %r, DESCRIPTION says %r" % (v.get("id"), desc.get("Version")))
    if str(v.get("date")) != desc.get("Date"):
        bad.append("versions[0].date %r, DESCRIPTION says %r" % (v.get("date"), desc.get("Date")))
    sha = hashlib.sha256(open(tarball, "rb").read()).hexdigest()
    if v.get("sha256") != sha:
        bad.append("versions[0].sha256 %r is not the tarball's %s" % (v.get("sha256"), sha))
    if not str(v.get("url", "")).endswith("/" + os.path.basename(tarball)):
        bad.append("versions[0].url %r does not end in the tarball's name" % v.get("url"))
    deps = [d.strip() for d in desc.get("Depends", "").split(",") if d.strip()] + ["pkg"]
    if v.get("depends") != deps:
        bad.append("versions[0].depends %r, expected %r" % (v.get("depends"), deps))
    for i, line in enumerate(lines):
        if len(line) > 80 and " " in line.strip() and "http" not in line:
            bad.append("line %d is longer than 80 characters" % (i + 1))
    return bad


def self_test(text, tarball, desc):
    """each broken variant of a good entry must be rejected"""
    broken = {
        "keys out of order": text.replace('layout: "package"\npermalink: "lindyn/"\n',
                                          'permalink: "lindyn/"\nlayout: "package"\n'),
        "no sha256": re.sub(r'\n  sha256: "[0-9a-f]*"', "", text),
        "another tarball's sha256": re.sub(r'sha256: "[0-9a-f]*"', 'sha256: "%s"' % ("0" * 64), text),
        "link keys out of order": text.replace('- icon: "fas fa-rss"\n  label: "news"',
                                               '- label: "news"\n  icon: "fas fa-rss"'),
        "no closing line": text[:-4],
        "another version": text.replace('- id: "%s"' % desc["Version"], '- id: "9.9.9"'),
    }
    failed = [what for what, t in broken.items() if t == text or not problems(t, tarball, desc)]
    return failed, len(broken)


def main(argv):
    selftest = "--self-test" in argv
    argv = [a for a in argv if a != "--self-test"]
    entry, tarball, descfile = argv[1:4]
    desc = description_fields(descfile)
    text = open(entry, encoding="utf-8").read()
    npass = nfail = 0
    bad = problems(text, tarball, desc)
    for b in bad:
        print("index entry %s: %s" % (entry, b))
    if bad:
        nfail += 1
    else:
        npass += 1
        print("index entry %s: the index's keys in their order, and this release's data" % entry)
    if selftest:
        failed, n = self_test(text, tarball, desc)
        for what in failed:
            print("index entry self-test: a broken entry (%s) was not rejected" % what)
        nfail += len(failed)
        npass += n - len(failed)
        print("index entry self-test: %d broken entries, %d rejected" % (n, n - len(failed)))
    print("index entry: %d passed, %d failed" % (npass, nfail))
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
