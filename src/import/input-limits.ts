/**
 * How much of an input the importer reads: every input is hostile until
 * parsed, and a limit hit is a clear `import-input-readable` diagnostic,
 * never a crash, a hang or gigabytes of memory.
 */
export const importLimits = {
  /** Bytes of one input file (a report is tens of kilobytes; a PDF with images a few megabytes). */
  fileBytes: 64 * 1024 * 1024,
  /** Characters of decoded text or HTML. */
  textChars: 8 * 1024 * 1024,
  /** Pages of a PDF read for text. */
  pdfPages: 200,
  /** Text items of a PDF across all pages. */
  pdfItems: 200_000,
  /** Wall time for reading a PDF (pdfjs runs in a worker that is stopped after this). */
  pdfMillis: 10_000,
  /** Bytes all flate streams of a PDF may inflate to (checked with zlib before pdfjs reads the file). */
  pdfStreamBytes: 64 * 1024 * 1024,
  /** Memory the PDF worker may take, in MB: its heap, and the growth of the whole process. */
  pdfMemoryMb: 384,
  /** Uncompressed bytes of the XML parts of a .docx (measured before mammoth opens it; media are not read). */
  docxBytes: 32 * 1024 * 1024,
  /** Entries in a .docx. */
  docxEntries: 2_000,
  /** Lines (blocks) of a document handed to recognition. */
  blocks: 100_000,
} as const
