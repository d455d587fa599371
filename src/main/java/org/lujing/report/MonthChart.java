package org.lujing.report;

import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.xmlbeans.XmlCursor;
import org.lujing.ledger.Category;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTBarChart;

/**
 * The 按月 sheet's charts, below its table: the categories counted in person-times (人次) as stacked columns — their
 * months add up — and the categories counted in their own units (件, 个, 堂, 次, 名, 册) as clustered columns beside
 * each other. Each series has its own colour from {@link #PALETTE}, whose grey levels differ too, so a greyscale
 * print still tells the series apart; the charts read the table's cells.
 */
final class MonthChart {

    /**
     * Fills whose grey levels (luma) step from dark to light and alternate, so neighbouring series differ in a
     * greyscale print as well as in colour: 12 %, 60 %, 24 %, 72 %, 36 %, 80 %, 48 %, 89 %, then three more (eleven
     * categories are counted in person-times).
     */
    static final int[] PALETTE = {
        0x10203f, 0x45b9d0, 0x15552b, 0xdfaf7e, 0xc23030, 0xb6e0a1, 0xa852d4, 0xf0e6a8, 0x94255c, 0xc7bfef, 0x248f6b
    };

    /** Rows each chart takes on the sheet. */
    static final int CHART_ROWS = 18;

    private MonthChart() {}

    /** The categories of the person-times chart: those whose figure is a count of records in 人次. */
    static boolean personTimes(Category c) {
        return c.unit().equals("人次");
    }

    /**
     * Draws the charts of {@code columns} (the table's columns from column 1, months in rows 1..{@code months}) from
     * row {@code top}, {@code width} columns wide; returns the row below the last chart.
     */
    static int draw(XSSFDrawing drawing, List<Category> columns, int months, ReportLanguage lang, int top, int width) {
        List<Integer> counted = new ArrayList<>();
        List<Integer> units = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            (personTimes(columns.get(i)) ? counted : units).add(i);
        }
        int row = top;
        if (!counted.isEmpty()) {
            chart(
                    drawing,
                    columns,
                    counted,
                    months,
                    lang,
                    lang.pick("各月帮扶人次（按人次计的类别）", "Person-times by month"),
                    lang.pick("人次", "Person-times"),
                    BarGrouping.STACKED,
                    row,
                    width);
            row += CHART_ROWS;
        }
        if (!units.isEmpty()) {
            chart(
                    drawing,
                    columns,
                    units,
                    months,
                    lang,
                    lang.pick("各月其他帮扶（按件、个、堂、次、名、册计）", "Other support by month, in each category's unit"),
                    lang.pick("数量（各类别单位）", "Figure (each category's unit)"),
                    BarGrouping.CLUSTERED,
                    row,
                    width);
            row += CHART_ROWS;
        }
        return row;
    }

    private static void chart(
            XSSFDrawing drawing,
            List<Category> columns,
            List<Integer> shown,
            int months,
            ReportLanguage lang,
            String title,
            String valueTitle,
            BarGrouping grouping,
            int top,
            int width) {
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 0, top, width, top + CHART_ROWS - 1);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.RIGHT);
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        x.setTitle(lang.pick("月份", "Month"));
        XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
        y.setTitle(valueTitle);
        y.setCrossBetween(AxisCrossBetween.BETWEEN);
        y.setNumberFormat("0");
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
        data.setBarDirection(BarDirection.COL);
        data.setBarGrouping(grouping);
        data.setVaryColors(false);
        data.setGapWidth(grouping == BarGrouping.STACKED ? 60 : 40);
        XSSFSheet sheet = drawing.getSheet();
        XDDFDataSource<String> categories =
                XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(1, months, 0, 0));
        for (int n = 0; n < shown.size(); n++) {
            int i = shown.get(n);
            XDDFNumericalDataSource<Double> values =
                    XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(1, months, i + 1, i + 1));
            XDDFBarChartData.Series series = (XDDFBarChartData.Series) data.addSeries(categories, values);
            series.setTitle(lang.category(columns.get(i)), null);
            series.setShapeProperties(fill(PALETTE[n % PALETTE.length]));
        }
        chart.plot(data);
        if (grouping == BarGrouping.STACKED) {
            overlapFully(chart);
        }
    }

    /**
     * {@code <c:overlap val="100"/>} after the bar chart's gap width: stacked columns must overlap fully or Excel
     * draws each series beside the last. Written as plain XML because poi-ooxml-lite lacks the compiled schema type
     * of {@code setOverlap}.
     */
    private static void overlapFully(XSSFChart chart) {
        CTBarChart bar = chart.getCTChart().getPlotArea().getBarChartArray(0);
        try (XmlCursor c = bar.getGapWidth().newCursor()) {
            c.toEndToken();
            c.toNextToken();
            c.beginElement(new QName(CHART_NS, "overlap"));
            c.insertAttributeWithValue("val", "100");
        }
    }

    private static final String CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";

    /** A solid fill with a thin dark outline, so the lightest fills still show their edges on white paper. */
    private static XDDFShapeProperties fill(int rgb) {
        XDDFShapeProperties shape = new XDDFShapeProperties();
        shape.setFillProperties(new XDDFSolidFillProperties(XDDFColor.from(rgb(rgb))));
        XDDFLineProperties line = new XDDFLineProperties(new XDDFSolidFillProperties(XDDFColor.from(rgb(0x404040))));
        line.setWidth(0.5);
        shape.setLineProperties(line);
        return shape;
    }

    static byte[] rgb(int rgb) {
        return new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb};
    }
}
