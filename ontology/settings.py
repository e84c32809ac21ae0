"""Every setting of the project in one place: its environment variable (IKG_ + the field's name in capitals), type,
default and meaning. A server reads them once when it starts (`create_app`, `open_store`); a CLI command when it
runs; the loaders when they read a file (`loaders/limits.py`, so a run's limits apply to its files). A value
that cannot be used stops the start with a message naming the variable. README's Configuration table is
generated from this class (`python -m ontology.settings --write README.md`)."""

from __future__ import annotations

from pydantic import AliasChoices, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from ontology.errors import SettingError
from ontology.generated_text import main, with_section

MB = 1024 * 1024


def _setting(default, meaning: str, *, at_least: int | float | None = 1):
    return Field(default, description=meaning, ge=at_least)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="IKG_", frozen=True, extra="ignore")

    # -- the store --------------------------------------------------------------------------------------------
    store: str = Field(
        "ladybug://./data/graph",
        description="store URL: the embedded LadybugDB, or Neo4j (`bolt://user:pass@host:7687/db`, `neo4j://…`)",
    )
    neo4j_user: str = Field(
        "", validation_alias=AliasChoices("NEO4J_USER"), description="Neo4j user when the store URL has none"
    )
    neo4j_password: str = Field(
        "", validation_alias=AliasChoices("NEO4J_PASSWORD"), description="Neo4j password when the URL has none"
    )
    buffer_pool_mb: int = _setting(512, "LadybugDB buffer pool (its own default takes ~80% of RAM)")
    query_timeout_ms: int = _setting(5000, "time limit of each named query and resource route (both engines)")
    write_timeout_ms: int = _setting(600_000, "time limit of one write (a load batch, a replaced or deleted notice)")
    read_connections: int = _setting(1, "embedded store: named queries running at once, each on a kept connection")
    read_queue: int = _setting(64, "embedded store: reads that may wait for a connection (then 503)", at_least=0)

    # -- POST /cypher -----------------------------------------------------------------------------------------
    cypher_timeout_ms: int = _setting(5000, "time limit of a `POST /cypher` query (its worker is killed past it)")
    cypher_max_rows: int = _setting(1000, "rows a `POST /cypher` answer may hold (more is an error, never cut)")
    cypher_workers: int = _setting(2, "`POST /cypher` worker processes")
    cypher_queue: int = _setting(8, "`POST /cypher` queries that may wait for a worker (then 503)", at_least=0)
    cypher_memory_mb: int = _setting(1024, "memory of a `/cypher` worker (killed past it)", at_least=64)
    cypher_max_result_mb: int = _setting(16, "size of one `/cypher` answer")

    # -- /sparql ----------------------------------------------------------------------------------------------
    sparql_timeout_ms: int = _setting(10_000, "time limit of a `/sparql` query (its worker is killed past it)")
    sparql_max_rows: int = _setting(10_000, "rows a `/sparql` answer may hold")
    sparql_memory_mb: int = _setting(1024, "memory of a `/sparql` worker")
    sparql_workers: int = _setting(2, "`/sparql` worker processes")
    sparql_queue: int = _setting(8, "`/sparql` queries that may wait for a worker (then 503)", at_least=0)
    sparql_dir: str = Field(
        "", description="where the SPARQL workers' copies of the graph are kept (unset: the system's temporary folder)"
    )

    # -- HTTP and uploads -------------------------------------------------------------------------------------
    api_key: str = Field(
        "", description="enables `POST /documents` and `DELETE /notices/{id}` for clients sending it as `X-API-Key`"
    )
    max_body_bytes: int = _setting(MB, "any request body except uploads (413 past it, before it is read)")
    upload_dir: str = Field("data/uploads", description="where uploaded documents are kept (spans point into them)")
    upload_max_files: int = _setting(100, "files in one upload request")
    upload_max_file_mb: int = _setting(20, "size of one uploaded file")
    upload_max_request_mb: int = _setting(64, "size of one upload request")
    upload_queue: int = _setting(8, "upload jobs that may wait (then 503)")
    jobs_kept: int = _setting(100, "finished upload jobs remembered (in memory)")
    parse_workers: int = _setting(1, "processes parsing uploads (at a lower priority than the server)")
    cache_max_stale_s: float = _setting(
        10.0, "seconds an answer may be served stale while a fresh one is made after a write", at_least=0
    )

    # -- reading a file (loaders/limits.py says why each is what it is) ----------------------------------------
    max_document_bytes: int = _setting(20 * MB, "size of a document file")
    max_text_chars: int = _setting(250_000, "characters of text in a document (after decoding, markup stripped)")
    max_line_chars: int = _setting(20_000, "characters in one line")
    max_html_markup: int = _setting(500_000, "`<` and `&` in an HTML page")
    max_pdf_pages: int = _setting(500, "pages a PDF may state")
    max_unpacked_bytes: int = _setting(100 * MB, "bytes a DOCX package may unpack to (checked before inflating)")
    max_extract_seconds: int = _setting(15, "seconds the PDF/DOCX reader process may take (killed past it)")
    max_extract_mb: int = _setting(1024, "memory of the PDF/DOCX reader process")
    max_measures_per_document: int = _setting(2000, "measures one document may claim (more is refused)")
    max_awards_per_document: int = _setting(20_000, "awards one document may claim (more is refused)")


def read_settings() -> Settings:
    """The settings from the environment now; a value that cannot be used is a SettingError naming it."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{_variable(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise SettingError(problems) from None


def _variable(location: tuple) -> str:
    name = str(location[0]) if location else "?"
    return name if name.isupper() else f"IKG_{name.upper()}"


def variable_of(field: str) -> str:
    """The environment variable of a field (IKG_STORE for store; NEO4J_USER as it is)."""
    alias = Settings.model_fields[field].validation_alias
    return str(alias.choices[0]) if isinstance(alias, AliasChoices) else f"IKG_{field.upper()}"


BEGIN = "<!-- settings: generated by python -m ontology.settings --write README.md -->"
END = "<!-- /settings -->"


def configuration_table() -> str:
    """README's Configuration table."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.default
        shown = "unset" if default == "" else f"`{default}`"
        rows.append(f"| `{variable_of(name)}` | {shown} | {field.description} |")
    return "\n".join(rows)


def with_table(readme: str) -> str:
    """The README with its generated table replaced by the current one."""
    return with_section(readme, BEGIN, END, configuration_table())


if __name__ == "__main__":
    main(BEGIN, END, configuration_table)
