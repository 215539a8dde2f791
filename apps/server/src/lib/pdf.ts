import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * PDFs are made in-process with pdfkit and a Unicode TrueType font shipped in an npm package (DejaVu Sans),
 * never by a browser (clarification 16). This is the small vocabulary every Harbour PDF is written in.
 */
const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export interface PdfWriter {
  title(text: string): void;
  heading(text: string, level?: 1 | 2 | 3): void;
  paragraph(text: string): void;
  bullets(items: string[]): void;
  /** A simple table: a header row and rows of cells, equal column widths unless given. */
  table(header: string[], rows: string[][], widths?: number[]): void;
  small(text: string): void;
}

export async function makePdf(
  meta: { title: string; author?: string },
  build: (w: PdfWriter) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: meta.title, Author: meta.author ?? 'Harbour' },
    bufferPages: true,
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  doc.font('body');
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const w: PdfWriter = {
    title(text) {
      doc.font('bold').fontSize(18).text(text, { width });
      doc.moveDown(0.5);
    },
    heading(text, level = 1) {
      const size = level === 1 ? 14 : level === 2 ? 12 : 11;
      if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
      doc.moveDown(0.4).font('bold').fontSize(size).text(text, { width });
      doc.moveDown(0.2);
    },
    paragraph(text) {
      doc.font('body').fontSize(10).text(text, { width, align: 'left' });
      doc.moveDown(0.4);
    },
    bullets(items) {
      doc.font('body').fontSize(10);
      for (const item of items) doc.text(`•  ${item}`, { width, indent: 0 });
      doc.moveDown(0.4);
    },
    table(header, rows, widths) {
      const cols = widths ?? header.map(() => width / header.length);
      const line = (cells: string[], bold: boolean) => {
        const heights = cells.map((c, i) =>
          doc
            .font(bold ? 'bold' : 'body')
            .fontSize(9)
            .heightOfString(c, { width: cols[i]! - 6 }),
        );
        const h = Math.max(...heights, 10) + 4;
        if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
        const y = doc.y;
        let x = doc.page.margins.left;
        cells.forEach((c, i) => {
          doc
            .font(bold ? 'bold' : 'body')
            .fontSize(9)
            .text(c, x + 3, y + 2, { width: cols[i]! - 6 });
          x += cols[i]!;
        });
        doc
          .moveTo(doc.page.margins.left, y + h)
          .lineTo(doc.page.margins.left + width, y + h)
          .lineWidth(0.5)
          .stroke('#999999');
        doc.x = doc.page.margins.left;
        doc.y = y + h;
      };
      line(header, true);
      for (const r of rows) line(r, false);
      doc.moveDown(0.6);
    },
    small(text) {
      doc.font('body').fontSize(8).fillColor('#444444').text(text, { width });
      doc.fillColor('#000000');
      doc.moveDown(0.3);
    },
  };
  build(w);
  // Page numbers in the footer of every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(8)
      .text(`${meta.title} — page ${i + 1} of ${range.count}`, doc.page.margins.left, doc.page.height - 36, {
        width,
        align: 'center',
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
