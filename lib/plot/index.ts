// Figures: pure Plotly spec builders, notebook display, export, tables.
export {};
