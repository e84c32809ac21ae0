"""`ikg release` as a publisher runs it, on a seed: a versioned dump set whose checksums verify, whose description
conforms to the shapes, which is never written twice and whose tampering is found; and the provenance `ikg load`
records for each notice (the extraction run), as the released dump states it."""

from __future__ import annotations

import gzip
import hashlib
import re
import shutil
import subprocess
import sys
from datetime import datetime
from importlib import metadata

import pyshacl
import pytest
import rdflib
from conftest import PROJECT, seed
from rdflib import RDF, XSD, Namespace, URIRef

from api.cli.release import verify_release

pytestmark = pytest.mark.slow  # four runs of `ikg` in subprocesses

DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VOID = Namespace("http://rdfs.org/ns/void#")
PROV = Namespace("http://www.w3.org/ns/prov#")
IKG = Namespace("https://incentive-kg.org/def/incentive#")
SHAPES = rdflib.Graph().parse(PROJECT / "ontology" / "shapes.ttl")
ONTOLOGY = rdflib.Graph().parse(PROJECT / "ontology" / "incentive.ttl")
VERSION = "2026.12-rc1"


def ikg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "api", *args], capture_output=True, text=True, cwd=PROJECT)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A store with the Sichuan award notice loaded by `ikg load`, released by `ikg release`."""
    tmp = tmp_path_factory.mktemp("release")
    store = f"ladybug://{tmp / 'graph'}"
    before = datetime.now().astimezone()
    loaded = ikg("load", str(seed("003")), "--store", store, "--format", "json")
    assert loaded.returncode == 0, loaded.stderr
    after = datetime.now().astimezone()
    run = ikg("release", str(tmp / "releases"), "--version", VERSION, "--store", store)
    assert run.returncode == 0 and run.stdout.strip() == str(tmp / "releases" / VERSION), run.stderr
    return {"folder": tmp / "releases" / VERSION, "store": store, "tmp": tmp, "load_window": (before, after)}


def _dump(folder, extension: str, rdflib_format: str) -> rdflib.Graph:
    data = gzip.decompress((folder / f"incentive-kg-{VERSION}.{extension}.gz").read_bytes()).decode("utf-8")
    return rdflib.Graph().parse(data=data, format=rdflib_format)


def test_a_release_verifies_and_its_description_and_dump_conform(released):
    folder = released["folder"]
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        [f"incentive-kg-{VERSION}.{ext}.gz" for ext in ("ttl", "jsonld", "nt", "rdf")] + ["SHA256SUMS", "release.ttl"]
    )
    sums = dict(reversed(line.split("  ")) for line in (folder / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == set(names) - {"SHA256SUMS"}
    for name, sha in sums.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == sha, name
    assert verify_release(folder) == []
    check = ikg("release", "--verify", str(folder))
    assert check.returncode == 0 and "verify" in check.stdout

    described = rdflib.Graph().parse(folder / "release.ttl")
    assert pyshacl.validate(described, shacl_graph=SHAPES)[0]
    dataset = URIRef(f"{described.value(predicate=DCAT.version, object=rdflib.Literal(VERSION))}")
    assert str(described.value(dataset, DCAT.version)) == VERSION
    dists = list(described.objects(dataset, DCAT.distribution))
    assert len(dists) == 4
    for dist in dists:
        name = str(dist).rsplit("/", 1)[1]
        assert int(described.value(dist, DCAT.byteSize)) == (folder / name).stat().st_size
        assert str(described.value(described.value(dist, SPDX.checksum), SPDX.checksumValue)) == sums[name]

    nt = _dump(folder, "nt", "nt")
    nt_lines = gzip.decompress((folder / f"incentive-kg-{VERSION}.nt.gz").read_bytes()).count(b"\n")
    assert int(described.value(dataset, VOID.triples)) == nt_lines == len(nt) > 1000
    assert len(_dump(folder, "ttl", "turtle")) == len(nt) == len(_dump(folder, "rdf", "xml"))
    conforms, _, text = pyshacl.validate(nt, shacl_graph=SHAPES, ont_graph=ONTOLOGY, inference="rdfs")
    assert conforms, text
    linksets = {
        described.value(ls, VOID.linkPredicate): int(described.value(ls, VOID.triples))
        for ls in described.objects(dataset, VOID.subset)
    }
    loaded = len(set(nt.subjects(PROV.wasGeneratedBy, None)))
    assert linksets[URIRef("http://data.europa.eu/eli/ontology#jurisdiction")] == loaded >= 1


def test_a_release_is_never_written_again_and_tampering_is_found(released, tmp_path):
    again = ikg("release", str(released["folder"].parent), "--version", VERSION, "--store", released["store"])
    assert again.returncode == 2 and "never written again" in again.stderr
    evil = ikg("release", str(tmp_path), "--version", "../evil", "--store", released["store"])
    assert evil.returncode == 2 and not (tmp_path.parent / "evil").exists()

    tampered = tmp_path / "tampered"
    shutil.copytree(released["folder"], tampered)
    dump = tampered / f"incentive-kg-{VERSION}.ttl.gz"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0x01
    dump.write_bytes(bytes(data))
    assert verify_release(tampered) == [f"{dump.name}: its sha256 is not the one in SHA256SUMS"]
    check = ikg("release", "--verify", str(tampered))
    assert check.returncode == 1 and dump.name in check.stderr

    # Checksums made to agree with the tampered file: the description still states the original one.
    sums = tampered / "SHA256SUMS"
    new_sha = hashlib.sha256(bytes(data)).hexdigest()
    sums.write_text(
        re.sub(rf"^[0-9a-f]{{64}}(  {re.escape(dump.name)})$", rf"{new_sha}\1", sums.read_text(), flags=re.M)
    )
    assert verify_release(tampered) == [f"release.ttl: the sha256 of {dump.name} is not the one in SHA256SUMS"]
    (tampered / dump.name).unlink()
    assert f"{dump.name}: listed in SHA256SUMS but missing" in verify_release(tampered)


def test_each_notice_records_the_extraction_that_made_it(released):
    graph = _dump(released["folder"], "nt", "nt")
    (notice, activity), *others = graph.subject_objects(PROV.wasGeneratedBy)
    assert not others  # one notice in this file
    assert (activity, RDF.type, PROV.Activity) in graph
    source = graph.value(activity, PROV.used)
    assert (notice, PROV.wasDerivedFrom, source) in graph
    assert str(graph.value(source, IKG.sha256)) == hashlib.sha256(seed("003").read_bytes()).hexdigest()
    assert str(graph.value(activity, IKG.softwareVersion)) == f"incentive-kg {metadata.version('incentive-kg')}"
    assert re.fullmatch(r"[0-9a-f]{16}", str(graph.value(activity, IKG.parserVersion)))
    assert graph.value(activity, PROV.wasAssociatedWith) == IKG.software
    started, ended = (graph.value(activity, p) for p in (PROV.startedAtTime, PROV.endedAtTime))
    assert started.datatype == ended.datatype == XSD.dateTime
    before, after = released["load_window"]
    assert before.replace(microsecond=0) <= started.toPython() <= ended.toPython() <= after
