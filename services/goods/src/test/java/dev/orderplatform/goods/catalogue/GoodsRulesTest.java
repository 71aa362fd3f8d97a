package dev.orderplatform.goods.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalogue's field rules, without Spring or a database. */
class GoodsRulesTest {

    @ParameterizedTest
    @CsvSource({
        "12.5,12.50",
        "12.50,12.50",
        "12.500,12.50",
        "0,0.00",
        "7,7.00",
        "1e2,100.00",
        "+3.1,3.10",
        "9999999999.99,9999999999.99",
        "' 4.20 ',4.20",
        ".5,0.50"
    })
    void acceptedPricesAreKeptExactlyAtScaleTwo(String sent, String kept) {
        BigDecimal price =
                GoodsRules.validate(new GoodsDraft("Pen", sent, null, true)).price();
        assertThat(price.scale()).isEqualTo(2);
        assertThat(price.toPlainString()).isEqualTo(kept);
        assertThat(Prices.format(price)).isEqualTo(kept);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "-1",
                "-0.01",
                "12.345",
                "0.001",
                "abc",
                "12,50",
                "NaN",
                "Infinity",
                "1e400",
                "10000000000",
                "1e-999999999",
                "0x10"
            })
    void refusedPricesNameTheField(String sent) {
        assertThatThrownBy(() -> GoodsRules.validate(new GoodsDraft("Pen", sent, null, true)))
                .isInstanceOfSatisfying(
                        InvalidGoodsException.class,
                        failure -> assertThat(failure.violations())
                                .extracting(InvalidGoodsException.Violation::field)
                                .containsExactly("price"));
    }

    @Test
    void missingPriceIsRefused() {
        assertThatThrownBy(() -> GoodsRules.validate(new GoodsDraft("Pen", null, null, true)))
                .isInstanceOf(InvalidGoodsException.class);
    }

    @Test
    void nameIsTrimmedAndRequired() {
        assertThat(GoodsRules.validate(new GoodsDraft("  Pen  ", "1", null, true))
                        .name())
                .isEqualTo("Pen");
        assertThatThrownBy(() -> GoodsRules.validate(new GoodsDraft(null, "1", null, true)))
                .isInstanceOf(InvalidGoodsException.class);
        assertThatThrownBy(() -> GoodsRules.validate(new GoodsDraft("x".repeat(201), "1", null, true)))
                .isInstanceOf(InvalidGoodsException.class);
    }

    @Test
    void blankImageUrlMeansNone() {
        assertThat(GoodsRules.validate(new GoodsDraft("Pen", "1", "  ", true)).imageUrl())
                .isNull();
        assertThat(GoodsRules.validate(new GoodsDraft("Pen", "1", "https://img.example/p.png", false)))
                .isEqualTo(new ValidGoods("Pen", new BigDecimal("1.00"), "https://img.example/p.png", false));
    }

    @Test
    void everyBrokenFieldIsReported() {
        assertThatThrownBy(() -> GoodsRules.validate(new GoodsDraft("", "-1", "a b", true)))
                .isInstanceOfSatisfying(
                        InvalidGoodsException.class,
                        failure -> assertThat(failure.violations())
                                .extracting(InvalidGoodsException.Violation::field)
                                .containsExactly("name", "price", "imageUrl"));
    }
}
