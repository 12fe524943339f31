"""Type stubs of the private native module (python/src/*.rs)."""

from pathlib import Path
from typing import Any, List, Mapping, Optional, Tuple, Union, final

__all__ = ["__version__", "Keyring", "Tokenizer", "ArrowChunk", "Scanner", "Span", "Redactor"]
__version__: str

@final
class Keyring:
    """Numbered 32-byte master keys with one active version.

    Pickles only as a reference (environment variable or file) when loaded with
    ``from_env``/``from_file``; any other keyring refuses to pickle.
    """

    @staticmethod
    def generate() -> Keyring: ...
    @staticmethod
    def from_hex(text: str) -> Keyring: ...
    @staticmethod
    def from_base64(text: str) -> Keyring: ...
    @staticmethod
    def from_text(text: str) -> Keyring: ...
    @staticmethod
    def from_env(var: str = "YINSI_KEY") -> Keyring: ...
    @staticmethod
    def from_file(path: Union[str, Path]) -> Keyring: ...
    @staticmethod
    def _from_reference(kind: str, name: Union[str, Path], check: str) -> Keyring: ...
    @property
    def versions(self) -> List[int]: ...
    @property
    def active_version(self) -> int: ...
    @property
    def source(self) -> Optional[str]: ...
    def to_text(self) -> str: ...
    def __copy__(self) -> Keyring: ...
    def __deepcopy__(self, _memo: Any) -> Keyring: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str, str, str]]: ...

@final
class ArrowChunk:
    """One output chunk of a column operation (Arrow PyCapsule interface)."""

    def __arrow_c_array__(self, requested_schema: Optional[object] = None) -> Tuple[object, object]: ...
    def __len__(self) -> int: ...

@final
class Tokenizer:
    def __new__(
        cls,
        keyring: Keyring,
        *,
        id_keep: List[str] = ...,
        card_keep_last4: bool = False,
        pseudonym_len: int = 20,
        custom_name: Optional[str] = None,
        custom_alphabet: Optional[str] = None,
        custom_keep_first: int = 0,
        custom_keep_last: int = 0,
    ) -> Tokenizer: ...
    def one(
        self,
        op: str,
        kind: str,
        value: str,
        context: Union[str, bytes],
        version: Optional[int] = None,
        mask: Optional[str] = None,
    ) -> Optional[str]: ...
    def many(
        self,
        op: str,
        kind: str,
        values: List[Optional[str]],
        context: Union[str, bytes],
        errors: str = "raise",
        version: Optional[int] = None,
        mask: Optional[str] = None,
    ) -> Union[List[Optional[str]], List[Optional[bool]]]: ...
    def arrow(
        self,
        op: str,
        kind: str,
        column: Any,
        context: Union[str, bytes],
        errors: str = "raise",
        version: Optional[int] = None,
        mask: Optional[str] = None,
    ) -> List[ArrowChunk]: ...

@final
class Span:
    """A value found in text: ``text[start:end]`` (byte offsets for ``bytes`` input)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Scanner:
    """Finds personal data in text; immutable and thread-safe."""

    def __new__(cls, kinds: Optional[List[str]] = None, *, json: bool = True) -> Scanner: ...
    @property
    def kinds(self) -> List[str]: ...
    def scan(self, text: Union[str, bytes]) -> List[Span]: ...

@final
class Redactor:
    """Applies one action per kind to what a scanner finds; immutable and thread-safe."""

    def __new__(
        cls,
        policy: Union[str, Mapping[str, str], None] = None,
        *,
        tokenizer: Any = None,
        scanner: Optional[Scanner] = None,
        marker: bool = False,
        context: Union[str, bytes, None] = None,
    ) -> Redactor: ...
    def redact(self, text: str) -> str: ...
    def redact_many(self, texts: List[str]) -> List[str]: ...
    def unmask(self, text: str) -> str: ...
