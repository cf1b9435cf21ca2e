//! The source map: every file read, its text, and byte spans into it. Line and column are
//! computed only when a diagnostic is printed, 1-based, columns in Unicode scalar values.

use std::ops::Range;

/// A file of the source map. Ids follow the sorted order of paths, so they are the same
/// whatever order the file system listed the files in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        // Files are capped far below 4 GiB by the loader, so offsets fit in u32.
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span { file, start: clamp(start), end: clamp(end.max(start)) }
    }

    /// The empty span at the start of a file: for problems with the file as a whole.
    pub fn file_start(file: FileId) -> Span {
        Span { file, start: 0, end: 0 }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One file: its display path (the map root joined with the path below it, `/`-separated)
/// and its text. Files that could not be read are kept with empty text so that findings
/// about them still have a place.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// Where each line starts, made the first time a position is asked for: a map of
    /// 10,000 files without findings never needs it (4.4 million lines at 500,000 fields).
    line_starts: std::sync::OnceLock<Vec<u32>>,
}

impl SourceFile {
    fn new(path: String, text: String) -> SourceFile {
        SourceFile { path, text, line_starts: std::sync::OnceLock::new() }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            // Lines end at `\n`, `\r\n`, and a lone `\r` (old Mac files): as the YAML
            // parser counts them, so that positions agree.
            let bytes = self.text.as_bytes();
            let mut line_starts = vec![0];
            line_starts.extend(
                memchr_iter(bytes)
                    .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                    .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)),
            );
            line_starts
        })
    }

    /// 0-based index of the line holding `byte`.
    pub fn line_index(&self, byte: usize) -> usize {
        let byte = u32::try_from(byte).unwrap_or(u32::MAX);
        self.line_starts().partition_point(|&start| start <= byte).saturating_sub(1)
    }

    /// The byte range of a 0-based line, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts().get(line).map_or(self.text.len(), |&s| s as usize);
        let end = self.line_starts().get(line + 1).map_or(self.text.len(), |&s| s as usize);
        let text = &self.text.as_bytes()[start..end];
        let trimmed = text.strip_suffix(b"\n").unwrap_or(text);
        let trimmed = trimmed.strip_suffix(b"\r").unwrap_or(trimmed);
        start..start + trimmed.len()
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let byte = floor_char_boundary(&self.text, byte.min(self.text.len()));
        let line = self.line_index(byte);
        let start = self.line_starts()[line] as usize;
        let column = self.text[start..byte].chars().count() + 1;
        (line + 1, column)
    }

    /// 0-based line and column in UTF-16 code units of a byte offset: the positions of the
    /// Language Server Protocol, on the same lines as [`SourceFile::line_col`].
    pub fn utf16_position(&self, byte: usize) -> (u32, u32) {
        let byte = floor_char_boundary(&self.text, byte.min(self.text.len()));
        let line = self.line_index(byte);
        let start = self.line_starts()[line] as usize;
        let column: usize = self.text[start..byte].chars().map(char::len_utf16).sum();
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        (clamp(line), clamp(column))
    }

    /// The byte offset of a 0-based line and UTF-16 column (an editor's cursor), clamped to
    /// the line's end; a column inside a character lands on its start.
    pub fn utf16_offset(&self, line: u32, column: u32) -> usize {
        let Some(&start) = self.line_starts().get(line as usize) else { return self.text.len() };
        let range = self.line_range(line as usize);
        let mut units = 0u32;
        for (i, c) in self.text[range.clone()].char_indices() {
            units += c.len_utf16() as u32;
            if units > column {
                return start as usize + i;
            }
        }
        range.end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Offsets of the line-break bytes (`\n` and `\r`).
fn memchr_iter(haystack: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', haystack)
}

/// Every file of a run, addressed by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceMap {
    /// Shared: a file whose text did not change between two runs of `serve` or `lsp` is
    /// the same file, its lines not counted again (`load::cache`).
    files: Vec<std::sync::Arc<SourceFile>>,
    /// How the map's root prefixes every path (`examples/01-retail/`), empty when the map is
    /// the current folder: pages of a site show paths within the map.
    pub root: String,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    pub fn add(&mut self, path: String, text: String) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 4 billion files"));
        self.files.push(std::sync::Arc::new(SourceFile::new(path, text)));
        id
    }

    /// Adds a file kept from an earlier run.
    pub fn add_shared(&mut self, file: std::sync::Arc<SourceFile>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 4 billion files"));
        self.files.push(file);
        id
    }

    /// The file `id`, to keep for a later run.
    pub fn shared(&self, id: FileId) -> std::sync::Arc<SourceFile> {
        std::sync::Arc::clone(&self.files[id.0 as usize])
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), &**f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// A path within the map: `stores/crm.yaml` whatever folder the map was given as.
    pub fn map_path<'a>(&self, path: &'a str) -> &'a str {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        let text = &self.get(span.file).text;
        text.get(span.range()).unwrap_or("")
    }

    /// 1-based line and column of the start of a span.
    pub fn line_col(&self, span: Span) -> (usize, usize) {
        self.get(span.file).line_col(span.start as usize)
    }
}

impl<'a> codespan_reporting::files::Files<'a> for SourceMap {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id.0 as usize)
            .map(|f| f.path.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id.0 as usize)
            .map(|f| f.text.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(
        &'a self,
        id: FileId,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let file =
            self.files.get(id.0 as usize).ok_or(codespan_reporting::files::Error::FileMissing)?;
        Ok(file.line_index(byte_index))
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let file =
            self.files.get(id.0 as usize).ok_or(codespan_reporting::files::Error::FileMissing)?;
        if line_index >= file.line_count() {
            return Err(codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: file.line_count() - 1,
            });
        }
        let range = file.line_range(line_index);
        // codespan wants the line break included so carets can point past the last char.
        let end = file.line_starts().get(line_index + 1).map_or(file.text.len(), |&s| s as usize);
        Ok(range.start..end.max(range.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines and columns are 1-based and columns count characters, not bytes.
    #[test]
    fn line_col_counts_characters() {
        let mut map = SourceMap::new();
        let f = map.add("a.yaml".into(), "a: 1\nnom: \"é\"x\n".into());
        assert_eq!(map.line_col(Span::new(f, 0, 1)), (1, 1));
        assert_eq!(map.line_col(Span::new(f, 5, 6)), (2, 1));
        // 'x' follows a two-byte 'é' and a quote: byte 14, column 9.
        assert_eq!(map.line_col(Span::new(f, 14, 15)), (2, 9));
    }

    /// A span past the end of a file, or inside a multi-byte character, still gets a place.
    #[test]
    fn line_col_is_total() {
        let mut map = SourceMap::new();
        let f = map.add("a.yaml".into(), "é".into());
        assert_eq!(map.line_col(Span::new(f, 1, 1)), (1, 1));
        assert_eq!(map.line_col(Span::new(f, 99, 99)), (1, 2));
        let empty = map.add("b.yaml".into(), String::new());
        assert_eq!(map.line_col(Span::file_start(empty)), (1, 1));
    }

    /// LSP columns count UTF-16 code units: `é` is one, `😀` two (a surrogate pair), while
    /// `check` counts each as one character on the same line.
    #[test]
    fn utf16_positions_count_code_units() {
        let file = SourceFile::new("a".into(), "a: 1\r\nb: \"😀é\"x\n".into());
        // `x`: byte 6 + 4 + 4 + 2 + 1 = 17; 8 UTF-16 units from the start of its line.
        let x = file.text.find('x').unwrap();
        assert_eq!(file.utf16_position(x), (1, 8));
        assert_eq!(file.line_col(x), (2, 8));
        assert_eq!(file.utf16_offset(1, 8), x);
        // Inside the surrogate pair: the emoji's start; past the line's end: its end.
        assert_eq!(file.utf16_offset(1, 5), x - 7);
        assert_eq!(file.utf16_offset(1, 99), x + 1);
        assert_eq!(file.utf16_offset(9, 0), file.text.len());
        assert_eq!(file.utf16_position(999), (2, 0));
    }

    /// Line ranges exclude CRLF line breaks.
    #[test]
    fn line_range_strips_crlf() {
        let file = SourceFile::new("a".into(), "ab\r\ncd".into());
        assert_eq!(file.line_range(0), 0..2);
        assert_eq!(file.line_range(1), 4..6);
    }
}
