package dev.orderplatform.order.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orderplatform.infra.mariadb.SessionStatements;
import dev.orderplatform.order.OrderProperties;
import dev.orderplatform.order.OrderServiceTest;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.OrderApi.Response;
import dev.orderplatform.order.support.Platform;
import dev.orderplatform.order.support.SessionCounter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Adding to the cart: its answers at the limit, and what it costs the database (issue 11). */
class CartAddTest extends OrderServiceTest {

    @Autowired
    CartService cart;

    @Autowired
    CartRepository carts;

    @Autowired
    OrderProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aFullCartRefusesANewGoodsButStillSetsTheQuantityOfOneInIt() {
        String user = Platform.freshUser();
        String token = tokenOf(user);
        long inCart = platform.newGoods("2.00", 5);
        long another = platform.newGoods("3.00", 5);
        OrderApi api = api();
        // Goods the catalogue does not know fill the cart up to one below the limit; the last slot takes a real one.
        Timestamp now = Timestamp.from(Instant.now());
        for (long fake = 1; fake < properties.maxCartItems(); fake++) {
            jdbc.sql("INSERT INTO cart_item (user_id, goods_id, quantity, selected, created_at, updated_at)"
                            + " VALUES (?, ?, 1, FALSE, ?, ?)")
                    .params(user, Long.MAX_VALUE - fake, now, now)
                    .update();
        }
        assertThat(api.post(token, "/api/v1/cart/items", Map.of("goodsId", inCart, "quantity", 1))
                        .status())
                .isEqualTo(201);

        Response refused = api.post(token, "/api/v1/cart/items", Map.of("goodsId", another, "quantity", 1));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("CART_FULL");

        Response changed = api.post(token, "/api/v1/cart/items", Map.of("goodsId", inCart, "quantity", 4));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body().get("items")).hasSize(properties.maxCartItems());
        assertThat(changed.body().get("selectedTotal").decimalValue()).isEqualByComparingTo("8.00");
    }

    @Test
    void addingTheSameGoodsTwiceInOneMillisecondStillAnswersChangedTheSecondTime() {
        String user = Platform.freshUser();
        long goods = platform.newGoods("2.00", 5);
        assertThat(cart.put(user, goods, 1, null).created()).isTrue();
        // The same values again, at once: the update must still count as one (not as an insert).
        assertThat(cart.put(user, goods, 1, null).created()).isFalse();
        assertThat(cart.put(user, goods, 1, true).created()).isFalse();
    }

    /** The answer of an add is the cart as it is afterwards, though it is not read again. */
    @Test
    void theCartAnsweredAfterAnAddIsTheCartAsStored() {
        String user = Platform.freshUser();
        long first = platform.newGoods("2.00", 5);
        long second = platform.newGoods("3.00", 5);
        long third = platform.newGoods("4.00", 5);

        assertAnswerIsStored(user, cart.put(user, first, 1, false));
        assertAnswerIsStored(user, cart.put(user, second, 2, null));
        assertAnswerIsStored(user, cart.put(user, first, 3, null)); // quantity set, still not selected
        assertAnswerIsStored(user, cart.put(user, second, 4, false));
        assertAnswerIsStored(user, cart.put(user, first, 5, true));
        assertAnswerIsStored(user, cart.put(user, third, 6, true));
        assertThat(cart.view(user).items())
                .extracting(CartView.Line::goodsId, CartView.Line::quantity, CartView.Line::selected)
                .containsExactly(tuple(first, 5, true), tuple(second, 4, false), tuple(third, 6, true));
    }

    private void assertAnswerIsStored(String user, CartService.Added added) {
        assertThat(cart.view(added.items())).isEqualTo(cart.view(user));
    }

    /**
     * Adding a new goods, as the API does it (add, then answer the cart), is two statements: the cart read that checks
     * the limit and one upsert (three before: the answer read the cart again; four before that: a count, an update
     * that found no row, the insert and the read).
     */
    @Test
    void addingANewGoodsCostsTwoStatements() {
        String user = Platform.freshUser();
        long goods = platform.newGoods("2.00", 5);

        // One transaction: one connection, whose session counters count this add only.
        transactions.executeWithoutResult(status -> assertThat(SessionStatements.growthDuring(
                        SessionCounter.of(jdbc, SessionStatements.QUESTIONS),
                        () -> cart.view(cart.put(user, goods, 2, null).items())))
                .isEqualTo(2));
        assertThat(cart.view(user).items()).singleElement().satisfies(line -> {
            assertThat(line.goodsId()).isEqualTo(goods);
            assertThat(line.quantity()).isEqualTo(2);
            assertThat(line.selected()).isTrue();
        });
    }

    /**
     * The cart is read twice per order (the add, the creation) and comes in the order the goods were added, which the
     * server no longer sorts (a filesort per read before, issue 11).
     */
    @Test
    void readingACartSortsNothingOnTheServer() {
        String user = Platform.freshUser();
        long[] goods = {1, 2, 3};
        // Added a second apart, the highest goods id first: the order added is not the primary key's.
        Instant now = Instant.now();
        for (int i = 0; i < goods.length; i++) {
            Timestamp added = Timestamp.from(now.minusSeconds(i));
            jdbc.sql("INSERT INTO cart_item (user_id, goods_id, quantity, selected, created_at, updated_at)"
                            + " VALUES (?, ?, 1, TRUE, ?, ?)")
                    .params(user, goods[i], added, added)
                    .update();
        }

        transactions.executeWithoutResult(status -> assertThat(SessionStatements.growthDuring(
                        SessionCounter.of(jdbc, SessionStatements.SORTS),
                        () -> assertThat(carts.items(user))
                                .extracting(CartItem::goodsId)
                                .containsExactly(goods[2], goods[1], goods[0])))
                .isZero());
    }
}
