// Read PDFs the way Firefox's viewer does (Mozilla's PDF.js) and print what it finds, as JSON.
//
//   node tests/pdfjs/read-pdfs.mjs [--render] a.pdf b.pdf ...
//
// For each file: the page sizes, the text of each page split into page decoration (marked as
// /Artifact) and document content, the form fields (getFieldObjects) and the widgets of each
// page with their accessible name (/TU). With --render, each page is also drawn on a canvas
// with its widgets' appearances, and each widget reports how many dark pixels lie inside it.
// Node 20 needs PDF.js' legacy build.
import { createRequire } from "node:module";
import path from "node:path";
import { AnnotationMode, getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve("pdfjs-dist/package.json"));
const SCALE = 2; // 144 dpi: a 4 mm check box is 23 pixels wide
const INSET = 3; // pixels left out at each edge of a widget: its border is page content

function pageText(items) {
  // Marked content nests; a text run belongs to decoration if any open sequence is an Artifact.
  const open = [];
  const text = { decoration: [], content: [] };
  for (const item of items) {
    if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") {
      open.push(item.tag);
    } else if (item.type === "endMarkedContent") {
      open.pop();
    } else if (typeof item.str === "string" && item.str.trim() !== "") {
      (open.includes("Artifact") ? text.decoration : text.content).push(item.str);
    }
  }
  return { decoration: text.decoration.join(" "), content: text.content.join(" ") };
}

function darkPixels(context, viewport, rect) {
  const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(rect);
  const left = Math.round(Math.min(x1, x2)) + INSET;
  const top = Math.round(Math.min(y1, y2)) + INSET;
  const width = Math.round(Math.abs(x2 - x1)) - 2 * INSET;
  const height = Math.round(Math.abs(y2 - y1)) - 2 * INSET;
  if (width <= 0 || height <= 0) return 0;
  const { data } = context.getImageData(left, top, width, height);
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2] < 128) dark += 1;
  }
  return dark;
}

async function readPdf(file, render) {
  const pdf = await getDocument({
    url: file,
    standardFontDataUrl: path.join(pdfjsRoot, "standard_fonts") + path.sep,
    verbosity: 0,
  }).promise;
  const fields = await pdf.getFieldObjects();
  const result = {
    file,
    pages: [],
    fields: Object.fromEntries(
      Object.entries(fields ?? {}).map(([name, objects]) => [
        name,
        objects.map(({ type, editable }) => ({ type, editable })),
      ]),
    ),
  };
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const annotations = await page.getAnnotations();
    const widgets = annotations
      .filter((a) => a.subtype === "Widget")
      .map((a) => ({
        name: a.fieldName,
        type: a.fieldType,
        checkBox: Boolean(a.checkBox),
        alternativeText: a.alternativeText,
        value: a.fieldValue,
        rect: a.rect,
      }));
    const text = pageText(
      (await page.getTextContent({ includeMarkedContent: true })).items,
    );
    if (render) {
      const viewport = page.getViewport({ scale: SCALE });
      const { canvas, context } = pdf.canvasFactory.create(viewport.width, viewport.height);
      await page.render({
        canvas,
        canvasContext: context,
        viewport,
        annotationMode: AnnotationMode.ENABLE,
      }).promise;
      for (const widget of widgets) widget.dark = darkPixels(context, viewport, widget.rect);
    }
    result.pages.push({ view: page.view, widgets, ...text });
  }
  await pdf.destroy();
  return result;
}

const args = process.argv.slice(2);
const render = args.includes("--render");
const files = args.filter((a) => a !== "--render");
const results = [];
for (const file of files) results.push(await readPdf(file, render));
process.stdout.write(JSON.stringify(results));
